using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using ModelEngine.Fit.Registry;
using ModelEngine.Samples.Operators.Contracts;

namespace ModelEngine.Fit.Plugins.Tests;

public sealed class PluginManagerTests : IAsyncLifetime
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

    [Fact]
    public async Task Load_Folder_RegistersAndRunsFitables()
    {
        var info = _host.Manager.Load(TestPlugins.SampleFolder);

        Assert.Equal(PluginState.Loaded, info.State);
        Assert.Null(info.Error);
        Assert.Equal(TestPlugins.SampleId, info.Id);
        Assert.Equal("1.0.0", info.Version);
        Assert.Equal(
            ["keywords-frequency", "summarize-en", "summarize-truncate", "summarize-zh", "word-count-utf8"],
            info.Fitables.Select(f => f.Id).Order(StringComparer.Ordinal));
        await AssertSampleWorksAsync(_host.Registry);
    }

    [Fact]
    public async Task Load_Zip_RegistersAndRunsFitables()
    {
        var info = _host.Manager.Load(TestPlugins.SampleZip);

        Assert.Equal(PluginState.Loaded, info.State);
        Assert.Equal(TestPlugins.SampleId, info.Id);
        await AssertSampleWorksAsync(_host.Registry);
    }

    [Fact]
    public async Task Load_ZipWithTopFolder_FindsManifestInside()
    {
        var staging = _temp.Combine("staging");
        TestPlugins.CopySample(Path.Combine(staging, "text-operators"));
        var archive = TestPlugins.Zip(staging, _temp.Combine("nested.zip"));

        var info = _host.Manager.Load(archive);

        Assert.Equal(PluginState.Loaded, info.State);
        await AssertSampleWorksAsync(_host.Registry);
    }

    [Fact]
    public void Load_Sample_DescribesAttributes()
    {
        _host.Manager.Load(TestPlugins.SampleFolder);

        var english = _host.Registry.GetLocal(TestPlugins.Summarize, "summarize-en")!.Descriptor;
        var chinese = _host.Registry.GetLocal(TestPlugins.Summarize, "summarize-zh")!.Descriptor;
        Assert.True(english.IsDefault);
        Assert.Equal(["first-sentence"], english.Aliases);
        Assert.Equal("summarize-truncate", english.DegradesTo);
        Assert.False(chinese.IsDefault);
        Assert.Equal(["summarize-cjk"], chinese.Aliases);
        Assert.Equal(TestPlugins.SampleId, _host.Registry.GetLocal(TestPlugins.Summarize, "summarize-en")!.Owner);
    }

    [Fact]
    public void Load_Sample_SharesContractsWithHost()
    {
        var info = _host.Manager.Load(TestPlugins.SampleFolder);

        var summarizer = _host.Registry.GetLocal(TestPlugins.Summarize, "summarize-en")!;
        Assert.Same(typeof(ITextSummarizer), summarizer.Genericable.Method!.DeclaringType);
        Assert.Same(typeof(IWordCounter), _host.Registry.GetLocal(TestPlugins.WordCount, "word-count-utf8")!.Genericable.Method!.DeclaringType);
        Assert.Same(AssemblyLoadContext.Default, AssemblyLoadContext.GetLoadContext(typeof(ITextSummarizer).Assembly));
        var loaded = LoadedAssemblyNames(info.LoadContext!);
        Assert.Contains("ModelEngine.Samples.Operators", loaded);
        Assert.Contains("ModelEngine.Samples.Operators.Text", loaded);
        Assert.DoesNotContain("ModelEngine.Samples.Operators.Contracts", loaded);
        Assert.DoesNotContain("ModelEngine.Fit", loaded);
    }

    [Fact]
    public async Task Unload_Loaded_RemovesFitablesAndCollectsContext()
    {
        var info = _host.Manager.Load(TestPlugins.SampleFolder);
        Assert.Equal("Hello there.", await TestPlugins.InvokeAsync(_host.Registry, TestPlugins.Summarize, "summarize-en", "Hello there. More text.", "en"));
        var changes = new List<PluginChangedEventArgs>();
        _host.Manager.PluginChanged += (_, e) => changes.Add(e);

        Assert.True(_host.Manager.Unload(TestPlugins.SampleFolder));

        Assert.Null(_host.Registry.GetLocal(TestPlugins.Summarize, "summarize-en"));
        Assert.Empty(_host.Registry.GetFitables(TestPlugins.Summarize));
        Assert.Empty(_host.Manager.Plugins);
        Assert.Equal(PluginChangeKind.Unloaded, Assert.Single(changes).Kind);
        Assert.False(TestPlugins.IsAliveAfterCollection(info.LoadContext!), "The plugin's load context is still alive after unloading.");
        Assert.False(_host.Manager.Unload(TestPlugins.SampleFolder));
    }

    [Fact]
    public async Task Load_SameSource_Reloads()
    {
        var folder = TestPlugins.CopySample(_temp.Combine("text-operators"));
        var first = _host.Manager.Load(folder);
        TestPlugins.EditManifest(folder, m => m["version"] = "1.0.1");

        var second = _host.Manager.Load(folder);

        Assert.Equal(PluginState.Loaded, second.State);
        Assert.Equal("1.0.1", second.Version);
        Assert.Equal("1.0.1", Assert.Single(_host.Manager.Plugins).Version);
        await AssertSampleWorksAsync(_host.Registry);
        Assert.False(TestPlugins.IsAliveAfterCollection(first.LoadContext!), "The first load's context is still alive after the reload.");
    }

    [Fact]
    public async Task Load_MalformedJson_FailsAndOthersKeepWorking()
    {
        _host.Manager.Load(TestPlugins.SampleFolder);
        var folder = TestPlugins.CopySample(_temp.Combine("broken"));
        File.WriteAllText(Path.Combine(folder, "plugin.json"), "{ \"id\": \"broken\", ");

        var info = _host.Manager.Load(folder);

        Assert.Equal(PluginState.Failed, info.State);
        Assert.Contains(Path.Combine(folder, "plugin.json"), info.Error);
        Assert.Contains("not valid JSON", info.Error);
        Assert.Equal(2, _host.Manager.Plugins.Count);
        await AssertSampleWorksAsync(_host.Registry);
    }

    [Fact]
    public void Load_InvalidField_NamesValue()
    {
        var folder = TestPlugins.CopySample(_temp.Combine("bad-id"), m => m["id"] = "has spaces");

        var info = _host.Manager.Load(folder);

        Assert.Equal(PluginState.Failed, info.State);
        Assert.Contains(Path.Combine(folder, "plugin.json"), info.Error);
        Assert.Contains("'id'", info.Error);
        Assert.Contains("'has spaces'", info.Error);
        Assert.Null(_host.Registry.GetLocal(TestPlugins.Summarize, "summarize-en"));
    }

    [Fact]
    public void Load_NoManifest_Fails()
    {
        var folder = TestPlugins.CopySample(_temp.Combine("no-manifest"));
        File.Delete(Path.Combine(folder, "plugin.json"));

        var info = _host.Manager.Load(folder);

        Assert.Equal(PluginState.Failed, info.State);
        Assert.Contains("manifest is missing", info.Error);
    }

    [Fact]
    public async Task Load_MissingEntryAssembly_Fails()
    {
        _host.Manager.Load(TestPlugins.SampleFolder);
        var folder = TestPlugins.CopySample(_temp.Combine("missing-assembly"), m => m["id"] = "samples.other");
        File.Delete(Path.Combine(folder, "ModelEngine.Samples.Operators.dll"));

        var info = _host.Manager.Load(folder);

        Assert.Equal(PluginState.Failed, info.State);
        Assert.Contains("'entryAssembly'", info.Error);
        Assert.Contains("ModelEngine.Samples.Operators.dll", info.Error);
        Assert.Equal("samples.other", info.Id);
        await AssertSampleWorksAsync(_host.Registry);
    }

    [Fact]
    public void Load_CorruptEntryAssembly_Fails()
    {
        var folder = TestPlugins.CopySample(_temp.Combine("corrupt"));
        File.WriteAllText(Path.Combine(folder, "ModelEngine.Samples.Operators.dll"), "this is not an assembly");

        var info = _host.Manager.Load(folder);

        Assert.Equal(PluginState.Failed, info.State);
        Assert.Contains("failed to load", info.Error);
        Assert.Null(_host.Registry.GetLocal(TestPlugins.Summarize, "summarize-en"));
    }

    [Fact]
    public void Load_MissingPrivateDependency_Fails()
    {
        var folder = TestPlugins.CopySample(_temp.Combine("missing-dependency"));
        File.Delete(Path.Combine(folder, "ModelEngine.Samples.Operators.Text.dll"));

        var info = _host.Manager.Load(folder);

        Assert.Equal(PluginState.Failed, info.State);
        Assert.Contains("'ModelEngine.Samples.Operators.Text'", info.Error);
        Assert.Contains("Copy the missing assembly", info.Error);
        Assert.Null(_host.Registry.GetLocal(TestPlugins.Summarize, "summarize-en"));
    }

    [Fact]
    public async Task Load_DuplicateId_FailsAndFirstKeepsWorking()
    {
        var first = _host.Manager.Load(TestPlugins.SampleFolder);
        var copy = TestPlugins.CopySample(_temp.Combine("copy"));

        var duplicate = _host.Manager.Load(copy);

        Assert.Equal(PluginState.Loaded, first.State);
        Assert.Equal(PluginState.Failed, duplicate.State);
        Assert.Contains($"'{TestPlugins.SampleId}'", duplicate.Error);
        Assert.Contains(TestPlugins.SampleFolder, duplicate.Error);
        Assert.Equal(TestPlugins.SampleFolder, _host.Manager.Find(TestPlugins.SampleId)!.Source);
        await AssertSampleWorksAsync(_host.Registry);
    }

    [Fact]
    public async Task Load_FitableOwnedByOtherPlugin_Fails()
    {
        _host.Manager.Load(TestPlugins.SampleFolder);
        var folder = TestPlugins.CopySample(_temp.Combine("other"), m => m["id"] = "samples.other");

        var info = _host.Manager.Load(folder);

        Assert.Equal(PluginState.Failed, info.State);
        Assert.Contains("fitable 'summarize-en' of genericable 'samples.text.summarize' is already registered by 'samples.text-operators'", info.Error);
        Assert.Equal(TestPlugins.SampleId, _host.Registry.GetLocal(TestPlugins.Summarize, "summarize-en")!.Owner);
        await AssertSampleWorksAsync(_host.Registry);
    }

    [Fact]
    public void Load_DeclaredFitableMissing_Fails()
    {
        var folder = TestPlugins.CopySample(_temp.Combine("extra"), m =>
            m["fitables"]!.AsArray().Add(new JsonObject { ["genericable"] = TestPlugins.Summarize, ["id"] = "summarize-fr" }));

        var info = _host.Manager.Load(folder);

        Assert.Equal(PluginState.Failed, info.State);
        Assert.Contains("'summarize-fr'", info.Error);
        Assert.Contains("no [Fitable] class", info.Error);
        Assert.Null(_host.Registry.GetLocal(TestPlugins.Summarize, "summarize-en"));
    }

    [Fact]
    public void Load_UndeclaredFitable_Fails()
    {
        var folder = TestPlugins.CopySample(_temp.Combine("undeclared"), m =>
        {
            var fitables = m["fitables"]!.AsArray();
            fitables.RemoveAt(fitables.Count - 1);
            m["genericables"]!.AsArray()[2]!["version"] = "1.0.0";
        });

        var info = _host.Manager.Load(folder);

        Assert.Equal(PluginState.Failed, info.State);
        Assert.Contains("'keywords-frequency'", info.Error);
        Assert.Contains("does not declare it", info.Error);
    }

    [Fact]
    public void Load_GenericableVersionMismatch_Fails()
    {
        var folder = TestPlugins.CopySample(_temp.Combine("version"), m => m["genericables"]!.AsArray()[0]!["version"] = "2.0.0");

        var info = _host.Manager.Load(folder);

        Assert.Equal(PluginState.Failed, info.State);
        Assert.Contains("'genericables[0].version'", info.Error);
        Assert.Contains("'2.0.0'", info.Error);
    }

    [Fact]
    public void Load_Failure_LogsPluginIdAndPath()
    {
        var folder = TestPlugins.CopySample(_temp.Combine("missing-assembly"));
        File.Delete(Path.Combine(folder, "ModelEngine.Samples.Operators.dll"));

        _host.Manager.Load(folder);

        var entry = Assert.Single(_host.Logs.Entries, e => e.EventId.Id == 6401);
        Assert.Equal(LogLevel.Error, entry.Level);
        Assert.Equal(TestPlugins.SampleId, entry.Fields["PluginId"]);
        Assert.Equal(folder, entry.Fields["PluginPath"]);
        Assert.Contains("entryAssembly", (string)entry.Fields["Reason"]!);
    }

    [Fact]
    public void Load_Success_RaisesLoadedEvent()
    {
        var changes = new List<PluginChangedEventArgs>();
        _host.Manager.PluginChanged += (_, e) => changes.Add(e);

        _host.Manager.Load(TestPlugins.SampleFolder);

        var change = Assert.Single(changes);
        Assert.Equal(PluginChangeKind.Loaded, change.Kind);
        Assert.Equal(TestPlugins.SampleId, change.Plugin.Id);
    }

    [Fact]
    public void Load_ThrowingHandler_IsLoggedAndOthersRun()
    {
        var seen = new List<PluginChangeKind>();
        _host.Manager.PluginChanged += (_, _) => throw new InvalidOperationException("handler failure");
        _host.Manager.PluginChanged += (_, e) => seen.Add(e.Kind);

        var info = _host.Manager.Load(TestPlugins.SampleFolder);

        Assert.Equal(PluginState.Loaded, info.State);
        Assert.Equal([PluginChangeKind.Loaded], seen);
        var entry = Assert.Single(_host.Logs.Entries, e => e.EventId.Id == 6406);
        Assert.Equal(TestPlugins.SampleId, entry.Fields["PluginId"]);
    }

    [Fact]
    public void Dispose_Manager_UnloadsEverything()
    {
        _host.Manager.Load(TestPlugins.SampleFolder);

        _host.Manager.Dispose();

        Assert.Empty(_host.Manager.Plugins);
        Assert.Null(_host.Registry.GetLocal(TestPlugins.Summarize, "summarize-en"));
        Assert.Empty(Directory.Exists(_temp.Combine("work")) ? Directory.GetDirectories(_temp.Combine("work")) : []);
    }

    [Fact]
    public async Task Load_LoggerConstructor_PassesHostLogger()
    {
        _host.Manager.Load(TestPlugins.SampleFolder);
        var text = string.Join(" ", Enumerable.Repeat("word", 50));

        var summary = await TestPlugins.InvokeAsync(_host.Registry, TestPlugins.Summarize, "summarize-truncate", text, "en");

        Assert.Equal(80, Assert.IsType<string>(summary).Length);
        var entry = Assert.Single(_host.Logs.Entries, e => e.Category == "ModelEngine.Samples.Operators.TruncatingSummarizer");
        Assert.Equal(text.Length, entry.Fields["TextLength"]);
    }

    [Fact]
    public async Task Invoke_WordCount_Counts50MegabyteDocument()
    {
        _host.Manager.Load(TestPlugins.SampleFolder);
        var document = new byte[50 * 1024 * 1024];
        for (var i = 0; i < document.Length; i++)
        {
            document[i] = i % 8 == 7 ? (byte)'\n' : (byte)'w';
        }

        var count = await TestPlugins.InvokeAsync(_host.Registry, TestPlugins.WordCount, "word-count-utf8", new ReadOnlyMemory<byte>(document));

        Assert.Equal((long)document.Length / 8, count);
    }

    internal static async Task AssertSampleWorksAsync(IFitRegistry registry)
    {
        Assert.Equal(
            "The quick fox jumps.",
            await TestPlugins.InvokeAsync(registry, TestPlugins.Summarize, "summarize-en", "The quick fox jumps. It lands softly.", "en"));
        Assert.Equal(
            "今天天气很好。",
            await TestPlugins.InvokeAsync(registry, TestPlugins.Summarize, "summarize-zh", "今天天气很好。我们去公园吧。", "zh"));
        Assert.Equal(
            5L,
            await TestPlugins.InvokeAsync(registry, TestPlugins.WordCount, "word-count-utf8", new ReadOnlyMemory<byte>(Encoding.UTF8.GetBytes(" one two\tthree\nfour  five "))));
        var keywords = await TestPlugins.InvokeAsync(registry, TestPlugins.Keywords, "keywords-frequency", "Plugins load plugins; loaders load code.", 2);
        Assert.Equal(["load", "plugins"], Assert.IsAssignableFrom<IReadOnlyList<string>>(keywords));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string[] LoadedAssemblyNames(WeakReference<PluginLoadContext> reference)
    {
        Assert.True(reference.TryGetTarget(out var context));
        return context.Assemblies.Select(a => a.GetName().Name!).ToArray();
    }
}
