using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using ModelEngine.Studio.Features.Designer.Canvas;

namespace ModelEngine.Studio.Tests.Canvas;

public sealed class CanvasPlaygroundTests : StudioTestContext
{
    public CanvasPlaygroundTests()
    {
        JSInterop.SetupModule(FlowchartCanvas.ModulePath).SetupModule("createCanvas", _ => true);
        Services.AddSingleton<IHostEnvironment>(_environment);
    }

    private readonly PlaygroundEnvironment _environment = new();

    [Fact]
    public void Generate_150Nodes_HasBranchingEdges()
    {
        var graph = PlaygroundGraph.Generate(150);

        Assert.Equal(150, graph.Nodes.Count);
        Assert.Equal(178, graph.Edges.Count);
        Assert.Equal(150, graph.Nodes.Select(n => n.Id).Distinct().Count());
        Assert.All(graph.Edges, e => Assert.Contains(graph.Nodes, n => n.Id == e.Target && n.HasInPort));
        Assert.All(graph.Edges, e => Assert.Contains(e.SourcePort, graph.Nodes.Single(n => n.Id == e.Source).OutPorts));
    }

    [Fact]
    public void Generate_WithStatus_LooksLikeAnInstance()
    {
        var graph = PlaygroundGraph.Generate(10, withStatus: true);

        Assert.All(graph.Nodes.Take(5), n => Assert.Equal("Completed", n.Status));
        Assert.Equal(["Running", "Faulted", "Suspended", "Cancelled"], graph.Nodes.Skip(5).Take(4).Select(n => n.Status));
        Assert.Null(graph.Nodes[9].Status);
        Assert.Equal(["e0", "e1", "e2", "e3", "e4"], graph.Edges.Where(e => e.Taken).Select(e => e.Id));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(5000, PlaygroundGraph.MaxNodes)]
    public void Generate_ClampsNodeCount(int requested, int expected) =>
        Assert.Equal(expected, PlaygroundGraph.Generate(requested).Nodes.Count);

    [Fact]
    public void Playground_OutsideDevelopment_ShowsNoCanvas()
    {
        SignIn("dave", "designers");
        _environment.EnvironmentName = Environments.Production;

        var page = Render<CanvasPlayground>();

        Assert.Empty(page.FindAll("[data-testid=canvas]"));
        Assert.NotNull(page.Find("[data-testid=playground-unavailable]"));
    }

    [Fact]
    public void Playground_ForAManager_ShowsNoCanvas()
    {
        var page = Render<CanvasPlayground>();

        Assert.Empty(page.FindAll("[data-testid=canvas]"));
    }

    [Fact]
    public void Playground_ForADesigner_DrawsTheRequestedGraph()
    {
        SignIn("dave", "designers");
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("canvas-playground?nodes=12");

        var page = Render<CanvasPlayground>();

        Assert.NotNull(page.Find("[data-testid=canvas]"));
        Assert.Contains("12 nodes", page.Find("[data-testid=playground-summary]").TextContent, StringComparison.Ordinal);
    }

    private sealed class PlaygroundEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = Environments.Development;

        public string ApplicationName { get; set; } = "ModelEngine.Studio";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
