using System.IO.Compression;

namespace ModelEngine.Fit.Plugins.Tests;

public sealed class PluginDirectoryWatcherTests : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();
    private PluginHost _host = null!; // Set in InitializeAsync, which xunit runs before every test.

    private string Watched => _temp.Combine("watched");

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(Watched);
        _host = new PluginHost(Watched, _temp.Combine("work"));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _temp.Dispose();
    }

    [Fact]
    public async Task Start_ExistingPlugins_LoadsThemBeforeReturning()
    {
        TestPlugins.CopySample(Path.Combine(Watched, "text-operators"));

        await _host.StartAsync();

        var plugin = Assert.Single(_host.Manager.Plugins);
        Assert.Equal(PluginState.Loaded, plugin.State);
        await PluginManagerTests.AssertSampleWorksAsync(_host.Registry);
    }

    [Fact]
    public async Task Stop_AfterDispose_DoesNotThrow()
    {
        await _host.StartAsync();

        // A web host's run loop and its owner both stop it, and the one that finishes first disposes the services.
        _host.Watcher.Dispose();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _host.Watcher.StopAsync(timeout.Token).WaitAsync(timeout.Token);
    }

    [Fact]
    public async Task Start_Disabled_LoadsNothing()
    {
        TestPlugins.CopySample(Path.Combine(Watched, "text-operators"));
        await using var host = new PluginHost(Watched, _temp.Combine("work-disabled"), enabled: false);

        await host.StartAsync();

        Assert.Empty(host.Manager.Plugins);
        Assert.Contains(host.Logs.Entries, e => e.EventId.Id == 6411);
    }

    [Fact]
    public async Task Start_WorkDirectoryInsideWatched_Throws()
    {
        await using var host = new PluginHost(Watched, Path.Combine(Watched, "work"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(host.StartAsync);

        Assert.Contains("Fit:Plugins:WorkDirectory", error.Message);
    }

    [Fact]
    public async Task DropFolder_Loads_DeleteFolder_UnloadsAndCollects()
    {
        await _host.StartAsync();
        var folder = Path.Combine(Watched, "text-operators");

        TestPlugins.CopySample(folder);
        await Poll.UntilAsync(() => _host.Manager.Find(TestPlugins.SampleId) is not null, "the dropped folder is loaded", Describe);
        await PluginManagerTests.AssertSampleWorksAsync(_host.Registry);
        var context = _host.Manager.Find(TestPlugins.SampleId)!.LoadContext!;

        Directory.Delete(folder, recursive: true);
        await Poll.UntilAsync(() => _host.Manager.Plugins.Count == 0, "the deleted folder is unloaded", Describe);

        Assert.Null(_host.Registry.GetLocal(TestPlugins.Summarize, "summarize-en"));
        Assert.False(TestPlugins.IsAliveAfterCollection(context), "The plugin's load context is still alive after its folder was deleted.");
    }

    [Fact]
    public async Task DropZip_Loads_DeleteZip_Unloads()
    {
        await _host.StartAsync();
        var archive = Path.Combine(Watched, "text-operators.zip");

        File.Copy(TestPlugins.SampleZip, archive);
        await Poll.UntilAsync(() => _host.Manager.Find(TestPlugins.SampleId) is not null, "the dropped archive is loaded", Describe);
        await PluginManagerTests.AssertSampleWorksAsync(_host.Registry);
        var context = _host.Manager.Find(TestPlugins.SampleId)!.LoadContext!;

        File.Delete(archive);
        await Poll.UntilAsync(() => _host.Manager.Plugins.Count == 0, "the deleted archive is unloaded", Describe);

        Assert.Null(_host.Registry.GetLocal(TestPlugins.Summarize, "summarize-en"));
        Assert.False(TestPlugins.IsAliveAfterCollection(context), "The plugin's load context is still alive after its archive was deleted.");
    }

    [Fact]
    public async Task ChangeManifest_ReloadsPlugin()
    {
        var folder = TestPlugins.CopySample(Path.Combine(Watched, "text-operators"));
        await _host.StartAsync();
        var first = _host.Manager.Find(TestPlugins.SampleId)!;

        TestPlugins.EditManifest(folder, m => m["version"] = "1.0.1");
        await Poll.UntilAsync(() => _host.Manager.Find(TestPlugins.SampleId)?.Version == "1.0.1", "the changed plugin is reloaded", Describe);

        await PluginManagerTests.AssertSampleWorksAsync(_host.Registry);
        Assert.False(TestPlugins.IsAliveAfterCollection(first.LoadContext!), "The first load's context is still alive after the reload.");
    }

    [Fact]
    public async Task ReplaceZip_ReloadsPlugin()
    {
        var archive = Path.Combine(Watched, "text-operators.zip");
        File.Copy(TestPlugins.SampleZip, archive);
        await _host.StartAsync();
        Assert.Equal("1.0.0", _host.Manager.Find(TestPlugins.SampleId)?.Version);
        var staging = TestPlugins.CopySample(_temp.Combine("staging"), m => m["version"] = "2.0.0");
        var replacement = TestPlugins.Zip(staging, _temp.Combine("replacement.zip"));

        File.Move(replacement, archive, overwrite: true);
        await Poll.UntilAsync(() => _host.Manager.Find(TestPlugins.SampleId)?.Version == "2.0.0", "the replaced archive is reloaded", Describe);

        await PluginManagerTests.AssertSampleWorksAsync(_host.Registry);
    }

    [Fact]
    public async Task DropBadPlugins_ListsFailures()
    {
        TestPlugins.CopySample(Path.Combine(Watched, "text-operators"));
        await _host.StartAsync();
        var malformed = TestPlugins.CopySample(_temp.Combine("malformed"));
        File.WriteAllText(Path.Combine(malformed, "plugin.json"), "not json");
        var escaping = _temp.Combine("escaping.zip");
        using (var zip = ZipFile.Open(escaping, ZipArchiveMode.Create))
        {
            zip.CreateEntryFromFile(Path.Combine(TestPlugins.SampleFolder, "plugin.json"), "../plugin.json");
        }

        Directory.Move(malformed, Path.Combine(Watched, "malformed"));
        File.Move(escaping, Path.Combine(Watched, "escaping.zip"));
        TestPlugins.CopySample(Path.Combine(Watched, "duplicate"));
        await Poll.UntilAsync(() => _host.Manager.Plugins.Count(p => p.State == PluginState.Failed) == 3, "three failed plugins are listed", Describe);

        var failures = _host.Manager.Plugins.Where(p => p.State == PluginState.Failed).ToDictionary(p => Path.GetFileName(p.Source), p => p.Error!);
        Assert.Contains("not valid JSON", failures["malformed"]);
        Assert.Contains("'../plugin.json'", failures["escaping.zip"]);
        Assert.Contains("already loaded", failures["duplicate"]);
        Assert.Equal(3, _host.Logs.Entries.Count(e => e.EventId.Id == 6401));
        await PluginManagerTests.AssertSampleWorksAsync(_host.Registry);
        Assert.Equal(Path.Combine(Watched, "text-operators"), _host.Manager.Find(TestPlugins.SampleId)!.Source);
    }

    [Fact]
    public async Task RemoveOriginal_DuplicateLoadsInstead()
    {
        TestPlugins.CopySample(Path.Combine(Watched, "a-original"));
        TestPlugins.CopySample(Path.Combine(Watched, "b-duplicate"));
        await _host.StartAsync();
        Assert.Equal(Path.Combine(Watched, "a-original"), _host.Manager.Find(TestPlugins.SampleId)?.Source);

        Directory.Delete(Path.Combine(Watched, "a-original"), recursive: true);
        await Poll.UntilAsync(
            () => _host.Manager.Find(TestPlugins.SampleId)?.Source == Path.Combine(Watched, "b-duplicate"),
            "the duplicate loads once the original is gone",
            Describe);

        await PluginManagerTests.AssertSampleWorksAsync(_host.Registry);
    }

    [Fact]
    public async Task FixBrokenPlugin_LoadsAfterChange()
    {
        var folder = TestPlugins.CopySample(Path.Combine(Watched, "text-operators"));
        var manifest = File.ReadAllText(Path.Combine(folder, "plugin.json"));
        File.WriteAllText(Path.Combine(folder, "plugin.json"), "{");
        await _host.StartAsync();
        Assert.Equal(PluginState.Failed, Assert.Single(_host.Manager.Plugins).State);

        File.WriteAllText(Path.Combine(folder, "plugin.json"), manifest);
        await Poll.UntilAsync(() => _host.Manager.Find(TestPlugins.SampleId) is not null, "the fixed plugin loads", Describe);

        await PluginManagerTests.AssertSampleWorksAsync(_host.Registry);
    }

    [Fact]
    public async Task PollingOnly_RescanLoadsAndUnloads()
    {
        await using var host = new PluginHost(
            Watched, _temp.Combine("work-polling"), TimeSpan.FromMilliseconds(200), useFileSystemEvents: false, rescan: TimeSpan.FromMilliseconds(300));
        await host.StartAsync();
        var folder = Path.Combine(Watched, "text-operators");

        TestPlugins.CopySample(folder);
        await Poll.UntilAsync(() => host.Manager.Find(TestPlugins.SampleId) is not null, "the periodic rescan loads the dropped folder");
        await PluginManagerTests.AssertSampleWorksAsync(host.Registry);

        Directory.Delete(folder, recursive: true);
        await Poll.UntilAsync(() => host.Manager.Plugins.Count == 0, "the periodic rescan unloads the deleted folder");
        Assert.Null(host.Registry.GetLocal(TestPlugins.Summarize, "summarize-en"));
    }

    [Fact]
    public async Task ChangeWhileSettling_RestartsQuietPeriod()
    {
        var debounce = TimeSpan.FromSeconds(3);
        await using var host = new PluginHost(Watched, _temp.Combine("work-debounce"), debounce);
        await host.StartAsync();
        var loads = new System.Collections.Concurrent.ConcurrentQueue<(string? Version, TimeSpan At)>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        host.Manager.PluginChanged += (_, e) =>
        {
            if (e.Kind == PluginChangeKind.Loaded)
            {
                loads.Enqueue((e.Plugin.Version, clock.Elapsed));
            }
        };
        var folder = Path.Combine(Watched, "text-operators");
        var staging = TestPlugins.CopySample(_temp.Combine("staging"));

        Directory.Move(staging, folder);
        await Poll.UntilAsync(() => host.Logs.Entries.Any(e => e.EventId.Id == 6414 && Equals(e.Fields["PluginPath"], folder)), "the watcher sees the new folder");
        var changedAt = clock.Elapsed;
        TestPlugins.EditManifest(folder, m => m["version"] = "1.0.1");
        Assert.True(changedAt < debounce, $"The test machine stalled for {changedAt}, longer than the quiet period, so the change came too late to test the restart.");
        await Poll.UntilAsync(() => !loads.IsEmpty, "the plugin loads after the quiet period");

        var (version, loadedAt) = Assert.Single(loads);
        Assert.Equal("1.0.1", version);
        Assert.True(loadedAt - changedAt >= debounce, $"The plugin loaded {loadedAt - changedAt} after its last change, before the quiet period of {debounce} ended.");
    }

    private string Describe() =>
        string.Join("; ", _host.Manager.Plugins.Select(p => $"{Path.GetFileName(p.Source)}={p.State} v{p.Version} {p.Error}"));
}
