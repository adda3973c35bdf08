namespace ModelEngine.Fit.Plugins.Tests;

public sealed class EmittedPluginTests : IAsyncLifetime
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
    public void Load_ParameterlessConstructor_Loads()
    {
        var folder = EmittedPlugin.WithSummarizer(_temp.Combine("plain"), EmittedPlugin.Constructor.Parameterless);

        var info = _host.Manager.Load(folder);

        Assert.Equal(PluginState.Loaded, info.State);
        Assert.NotNull(_host.Registry.GetLocal(TestPlugins.Summarize, "emitted-summarizer"));
    }

    [Fact]
    public void Load_ContractInPlugin_Fails()
    {
        var folder = EmittedPlugin.WithPrivateContract(_temp.Combine("private-contract"));

        var info = _host.Manager.Load(folder);

        Assert.Equal(PluginState.Failed, info.State);
        Assert.Contains("the contract 'Emitted.IEcho' of genericable 'emitted.echo' was loaded from the plugin folder", info.Error);
        Assert.Null(_host.Registry.GetLocal("emitted.echo", "echo"));
    }

    [Fact]
    public void Load_ThrowingConstructor_Fails()
    {
        var folder = EmittedPlugin.WithSummarizer(_temp.Combine("throwing"), EmittedPlugin.Constructor.Throwing);

        var info = _host.Manager.Load(folder);

        Assert.Equal(PluginState.Failed, info.State);
        Assert.Contains("the constructor of fitable class 'Emitted.Summarizer' threw InvalidOperationException: the emitted constructor failed", info.Error);
    }

    [Fact]
    public void Load_NoUsableConstructor_Fails()
    {
        var folder = EmittedPlugin.WithSummarizer(_temp.Combine("int-constructor"), EmittedPlugin.Constructor.TakesInt);

        var info = _host.Manager.Load(folder);

        Assert.Equal(PluginState.Failed, info.State);
        Assert.Contains("'Emitted.Summarizer' has no public constructor that takes no arguments, an IServiceProvider or an ILogger", info.Error);
    }

    [Fact]
    public void Load_ClassWithoutFitable_IsNotBound()
    {
        var folder = EmittedPlugin.WithSummarizer(_temp.Combine("unmarked"), EmittedPlugin.Constructor.Throwing, markFitable: false);

        var info = _host.Manager.Load(folder);

        // The constructor would throw, so the message also shows that the class was never created.
        Assert.Equal(PluginState.Failed, info.State);
        Assert.Contains("declares fitable 'emitted-summarizer' of genericable 'samples.text.summarize', but no [Fitable] class", info.Error);
        Assert.DoesNotContain("constructor", info.Error);
    }
}
