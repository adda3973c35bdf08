namespace ModelEngine.Fit.Bus.Tests.Workers;

/// <summary>Copies a plugin folder, so each test hands its processes a private copy that nothing else changes.</summary>
/// <remarks>The server tests compile this file too (linked), so it depends on nothing else in this project.</remarks>
internal static class DirectoryCopy
{
    /// <summary>Copies every file under <paramref name="source"/> to the same relative path under <paramref name="destination"/>.</summary>
    public static void Copy(string source, string destination)
    {
        Assert.True(Directory.Exists(source), $"The folder {source} is missing; building the test project lays it out.");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(destination, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
