using System.Xml.Linq;

namespace ModelEngine.Studio.Tests;

public sealed class LocalizationTests
{
    public static TheoryData<string> ResourceFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(StudioSourceDirectory(), "*.resx", SearchOption.AllDirectories)
                     .Where(f => !f.EndsWith(".zh-CN.resx", StringComparison.Ordinal) && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            data.Add(Path.GetRelativePath(StudioSourceDirectory(), file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ResourceFiles))]
    public void EveryString_HasAChineseTranslation(string relativePath)
    {
        var english = Read(Path.Combine(StudioSourceDirectory(), relativePath));
        var chinesePath = Path.Combine(StudioSourceDirectory(), relativePath[..^".resx".Length] + ".zh-CN.resx");

        Assert.True(File.Exists(chinesePath), $"{relativePath} has no zh-CN file beside it.");
        var chinese = Read(chinesePath);
        Assert.Empty(english.Keys.Except(chinese.Keys));
        Assert.Empty(chinese.Keys.Except(english.Keys));
        Assert.All(chinese, pair => Assert.False(string.IsNullOrWhiteSpace(pair.Value), $"{pair.Key} is empty in zh-CN."));
    }

    [Fact]
    public void StudioSource_HasResourceFiles() => Assert.NotEmpty(ResourceFiles());

    private static Dictionary<string, string> Read(string path) =>
        XDocument.Load(path).Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? string.Empty);

    private static string StudioSourceDirectory()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ModelEngine.sln")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory?.FullName ?? throw new InvalidOperationException("ModelEngine.sln not found above the test output."), "studio", "ModelEngine.Studio");
    }
}
