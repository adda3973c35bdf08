using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ModelEngine.Fel.Tools.Tests.Fit;
using ModelEngine.Fit.Hosting;
using ModelEngine.Workflows;

namespace ModelEngine.Fel.Tools.Tests.Hosting;

public sealed class AddFelToolsTests
{
    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    private static ServiceProvider Build(IConfiguration configuration)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddModelEngineWorkflows();
        services.AddFit().AddFitable(new TextOperators());
        services.AddFelTools(configuration);
        return services.BuildServiceProvider();
    }

    [Fact]
    public void NothingConfigured_RegistersNoSource()
    {
        using var services = Build(Configuration());

        Assert.Empty(services.GetServices<IFelToolSource>());
    }

    [Fact]
    public async Task EveryKindConfigured_RegistersEachSource()
    {
        using var services = Build(Configuration(
            ("Fel:Tools:Operators:0", "samples.text.summarize"),
            ("Fel:Tools:Workflows", "greet, approval"),
            ("Fel:Mcp:Servers:files:Command", "mcp-files"),
            ("Fel:Mcp:Servers:files:Arguments:0", "--root"),
            ("Fel:Mcp:Servers:files:Arguments:1", "/srv/docs"),
            ("Fel:Mcp:Servers:search:Endpoint", "http://127.0.0.1:3001/mcp")));

        var sources = services.GetServices<IFelToolSource>().ToList();

        Assert.Equal(["fit", "workflows", "mcp:files", "mcp:search"], sources.Select(s => s.Name));
        var fit = await sources[0].GetToolsAsync(null).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("samples_text_summarize", Assert.Single(fit).Name);
        var files = Assert.IsType<McpToolSource>(sources[2]).Settings;
        Assert.Equal(["--root", "/srv/docs"], files.Arguments);
        Assert.Null(files.Endpoint);
        Assert.Equal(new Uri("http://127.0.0.1:3001/mcp"), Assert.IsType<McpToolSource>(sources[3]).Settings.Endpoint);
    }

    [Fact]
    public void WorkflowSettings_AreRead()
    {
        var settings = FelToolsConfiguration.Read(Configuration(("Fel:Tools:Workflows:0", "greet"), ("Fel:Tools:Workflows:1", "approval"), ("Fel:Tools:WorkflowTimeout", "00:02:00")));

        Assert.Equal(["greet", "approval"], settings.Workflows.DefinitionIds);
        Assert.Equal(TimeSpan.FromMinutes(2), settings.Workflows.Timeout);
        Assert.Empty(settings.Operators);
    }

    [Fact]
    public void InvalidSettings_ErrorNamesEachKey()
    {
        var exception = Assert.Throws<InvalidOperationException>(() => FelToolsConfiguration.Read(Configuration(
            ("Fel:Tools:WorkflowTimeout", "soon"),
            ("Fel:Mcp:Servers:both:Command", "mcp-files"),
            ("Fel:Mcp:Servers:both:Endpoint", "http://127.0.0.1:3001/mcp"),
            ("Fel:Mcp:Servers:relative:Endpoint", "/mcp"),
            ("Fel:Mcp:Servers:bad.name:Command", "mcp-files"),
            ("Fel:Mcp:Servers:slow:Command", "mcp-files"),
            ("Fel:Mcp:Servers:slow:ConnectTimeout", "-00:00:05"))));

        Assert.Contains("Fel:Tools:WorkflowTimeout 'soon'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Fel:Mcp:Servers:both: set exactly one of", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Fel:Mcp:Servers:relative:Endpoint '/mcp'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Fel:Mcp:Servers:bad.name: the server name 'bad.name' is invalid", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Fel:Mcp:Servers:slow:ConnectTimeout '-00:00:05'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Container_DisposesMcpSources()
    {
        var services = Build(Configuration(("Fel:Mcp:Servers:files:Command", "mcp-files")));
        var source = Assert.IsType<McpToolSource>(Assert.Single(services.GetServices<IFelToolSource>()));

        await services.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));

        await Assert.ThrowsAsync<ObjectDisposedException>(() => source.GetToolsAsync(null).AsTask().WaitAsync(TimeSpan.FromSeconds(30)));
    }
}
