using System.IO.Compression;

namespace ModelEngine.Fit.Plugins.Tests;

public sealed class PluginArchiveTests : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();
    private PluginHost _host = null!; // Set in InitializeAsync, which xunit runs before every test.

    public Task InitializeAsync()
    {
        _host = new PluginHost(_temp.Combine("watched"), _temp.Combine("work"));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _temp.Dispose();
    }

    [Theory]
    [InlineData("../escaped.dll", "'..'")]
    [InlineData("lib/../../escaped.dll", "'..'")]
    [InlineData("..\\escaped.dll", "'..'")]
    [InlineData("/tmp/escaped.dll", "absolute path")]
    [InlineData("C:/escaped.dll", "absolute path")]
    [InlineData("C:escaped.dll", "absolute path")]
    public async Task Load_EscapingEntry_RejectedAndOthersKeepWorking(string entryName, string reason)
    {
        _host.Manager.Load(TestPlugins.SampleFolder);
        var archive = BuildArchive(_temp.Combine("evil", "evil.zip"), zip => AddEntry(zip, entryName, "payload"));

        var info = _host.Manager.Load(archive);

        Assert.Equal(PluginState.Failed, info.State);
        Assert.Contains(archive, info.Error);
        Assert.Contains($"'{entryName}'", info.Error);
        Assert.Contains(reason, info.Error);
        Assert.False(File.Exists(_temp.Combine("escaped.dll")), "An escaping entry was written outside the working folder.");
        Assert.False(File.Exists(_temp.Combine("work", "escaped.dll")), "An escaping entry was written outside the working folder.");
        Assert.Empty(Directory.EnumerateFiles(_temp.Path, "escaped.dll", SearchOption.AllDirectories));
        await PluginManagerTests.AssertSampleWorksAsync(_host.Registry);
    }

    [Fact]
    public void Load_SymbolicLinkEntry_Rejected()
    {
        var archive = BuildArchive(_temp.Combine("link.zip"), zip =>
        {
            var entry = AddEntry(zip, "ModelEngine.Samples.Operators.dll", "/etc/passwd");
            entry.ExternalAttributes = unchecked((int)0xA1FF0000); // Unix mode lrwxrwxrwx.
        });

        var info = _host.Manager.Load(archive);

        Assert.Equal(PluginState.Failed, info.State);
        Assert.Contains("symbolic link", info.Error);
    }

    [Fact]
    public void Load_NotAZip_Rejected()
    {
        var archive = _temp.Combine("garbage.zip");
        File.WriteAllText(archive, "not a zip file");

        var info = _host.Manager.Load(archive);

        Assert.Equal(PluginState.Failed, info.State);
        Assert.Contains("not a valid zip file", info.Error);
    }

    private static string BuildArchive(string path, Action<ZipArchive> addExtra)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            foreach (var file in Directory.EnumerateFiles(TestPlugins.SampleFolder))
            {
                zip.CreateEntryFromFile(file, Path.GetFileName(file));
            }

            addExtra(zip);
        }

        return path;
    }

    private static ZipArchiveEntry AddEntry(ZipArchive zip, string name, string content)
    {
        var entry = zip.CreateEntry(name);
        using var writer = new StreamWriter(entry.Open());
        writer.Write(content);
        return entry;
    }
}
