using Microsoft.AspNetCore.Components;
using ModelEngine.Studio.Features.Designer.Canvas;

namespace ModelEngine.Studio.Tests.Canvas;

public sealed class FlowchartCanvasTests : StudioTestContext
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private readonly BunitJSInterop _module;
    private readonly BunitJSInterop _canvasScript;

    public FlowchartCanvasTests()
    {
        _module = JSInterop.SetupModule(FlowchartCanvas.ModulePath);
        _canvasScript = _module.SetupModule("createCanvas", _ => true);
    }

    private static CanvasGraph TwoNodes(params CanvasEdge[] edges) => new(
        [
            new CanvasNode("a", "ModelEngine.Start", "Start", 0, 0, ["Done"], HasInPort: false),
            new CanvasNode("b", "ModelEngine.If", "Check", 240, 0, ["True", "False"]),
        ],
        edges);

    private IRenderedComponent<FlowchartCanvas> RenderCanvas(CanvasGraph graph, bool readOnly = false, Action<ComponentParameterCollectionBuilder<FlowchartCanvas>>? more = null) =>
        Render<FlowchartCanvas>(p =>
        {
            p.Add(c => c.Graph, graph).Add(c => c.ReadOnly, readOnly);
            more?.Invoke(p);
        });


    [Fact]
    public void Container_HasRoleLabelAndTestId()
    {
        var cut = RenderCanvas(TwoNodes());

        var container = cut.Find("[data-testid=canvas]");
        Assert.Equal("application", container.GetAttribute("role"));
        Assert.Equal("Flowchart", container.GetAttribute("aria-label"));
        Assert.Equal("0", container.GetAttribute("tabindex"));
        Assert.NotNull(cut.Find($"#{container.GetAttribute("aria-describedby")}"));
    }

    [Fact]
    public void FirstRender_CreatesCanvasWithGraph()
    {
        var graph = TwoNodes();

        var cut = RenderCanvas(graph, readOnly: true);

        cut.WaitForAssertion(() => Assert.Single(_module.Invocations["createCanvas"]), Timeout);
        var call = Assert.Single(_module.Invocations["createCanvas"]);
        Assert.Same(graph, call.Arguments[2]);
        var options = Assert.IsType<CanvasScriptOptions>(call.Arguments[3]);
        Assert.True(options.ReadOnly);
        Assert.True(options.ShowMinimap);
        Assert.Equal("Completed", options.Strings.Status["Completed"]);
    }

    [Fact]
    public void NewGraph_IsSentAsUpdate()
    {
        var cut = RenderCanvas(TwoNodes());
        var next = TwoNodes(new CanvasEdge("e1", "a", "Done", "b"));

        cut.Render(p => p.Add(c => c.Graph, next));

        cut.WaitForAssertion(() => Assert.Same(next, Assert.Single(_canvasScript.Invocations["update"]).Arguments[0]), Timeout);
    }

    [Fact]
    public void SameGraph_IsNotSentAgain()
    {
        var graph = TwoNodes();
        var cut = RenderCanvas(graph);

        cut.Render(p => p.Add(c => c.Graph, graph));
        cut.Render(p => p.Add(c => c.AriaLabel, "Order flow"));

        Assert.Empty(_canvasScript.Invocations["update"]);
    }

    [Fact]
    public void ReadOnlyAndMinimapChanges_AreSent()
    {
        var cut = RenderCanvas(TwoNodes());

        cut.Render(p => p.Add(c => c.ReadOnly, true).Add(c => c.ShowMinimap, false));

        cut.WaitForAssertion(() => Assert.Equal(true, Assert.Single(_canvasScript.Invocations["setReadOnly"]).Arguments[0]), Timeout);
        Assert.Equal(false, Assert.Single(_canvasScript.Invocations["setShowMinimap"]).Arguments[0]);
    }

    [Fact]
    public async Task ZoomMethods_CallTheScript()
    {
        var cut = RenderCanvas(TwoNodes());

        await cut.InvokeAsync(cut.Instance.ZoomInAsync).WaitAsync(Timeout);
        await cut.InvokeAsync(cut.Instance.ZoomOutAsync).WaitAsync(Timeout);
        await cut.InvokeAsync(cut.Instance.ZoomToFitAsync).WaitAsync(Timeout);

        Assert.Single(_canvasScript.Invocations["zoomIn"]);
        Assert.Single(_canvasScript.Invocations["zoomOut"]);
        Assert.Single(_canvasScript.Invocations["zoomToFit"]);
    }

    [Fact]
    public async Task AutoLayout_RaisesMovedWithScriptPositions()
    {
        CanvasPosition[] positions = [new("a", 40, 40), new("b", 320, 40)];
        _canvasScript.Setup<CanvasPosition[]>("autoLayout").SetResult(positions);
        IReadOnlyList<CanvasPosition>? moved = null;
        var cut = RenderCanvas(TwoNodes(), more: p => p.Add(c => c.OnMoved, (IReadOnlyList<CanvasPosition> m) => moved = m));

        await cut.InvokeAsync(cut.Instance.AutoLayoutAsync).WaitAsync(Timeout);

        Assert.Equal(positions, moved);
    }

    [Fact]
    public async Task AutoLayout_WhenReadOnly_RaisesNothing()
    {
        _canvasScript.Setup<CanvasPosition[]>("autoLayout").SetResult([new("a", 40, 40)]);
        var raised = false;
        var cut = RenderCanvas(TwoNodes(), readOnly: true, more: p => p.Add(c => c.OnMoved, (IReadOnlyList<CanvasPosition> _) => raised = true));

        await cut.InvokeAsync(cut.Instance.AutoLayoutAsync).WaitAsync(Timeout);

        Assert.Single(_canvasScript.Invocations["autoLayout"]);
        Assert.False(raised);
    }

    [Fact]
    public async Task Select_CallsScriptAndRaisesSelection()
    {
        IReadOnlyList<string>? selected = null;
        var cut = RenderCanvas(TwoNodes(), more: p => p.Add(c => c.OnSelectionChanged, (IReadOnlyList<string> ids) => selected = ids));

        await cut.InvokeAsync(() => cut.Instance.SelectAsync(["b"])).WaitAsync(Timeout);

        Assert.Equal(["b"], selected);
        Assert.Single(_canvasScript.Invocations["select"]);
    }

    [Fact]
    public async Task Dispose_TearsDownTheScriptCanvas()
    {
        var cut = RenderCanvas(TwoNodes());

        await cut.Instance.DisposeAsync().AsTask().WaitAsync(Timeout);

        Assert.Single(_canvasScript.Invocations["dispose"]);
    }
}
