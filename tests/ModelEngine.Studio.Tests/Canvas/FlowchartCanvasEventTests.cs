using Microsoft.AspNetCore.Components;
using ModelEngine.Studio.Features.Designer.Canvas;

namespace ModelEngine.Studio.Tests.Canvas;

// The [JSInvokable] methods the canvas script calls, and the events they raise.
public sealed class FlowchartCanvasEventTests : StudioTestContext
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private readonly List<object> _raised = [];

    public FlowchartCanvasEventTests()
    {
        JSInterop.SetupModule(FlowchartCanvas.ModulePath).SetupModule("createCanvas", _ => true);
    }

    private static CanvasGraph Graph() => new(
        [
            new CanvasNode("a", "ModelEngine.Start", "Start", 0, 0, ["Done"], HasInPort: false),
            new CanvasNode("b", "ModelEngine.If", "Check", 240, 0, ["True", "False"]),
            new CanvasNode("c", "ModelEngine.End", "End", 480, 0, []),
        ],
        [new CanvasEdge("e1", "a", "Done", "b")]);

    private IRenderedComponent<FlowchartCanvas> RenderCanvas(bool readOnly = false) =>
        Render<FlowchartCanvas>(p => p
            .Add(c => c.Graph, Graph())
            .Add(c => c.ReadOnly, readOnly)
            .Add(c => c.OnDrop, (CanvasDrop d) => _raised.Add(d))
            .Add(c => c.OnMoved, (IReadOnlyList<CanvasPosition> m) => _raised.Add(m))
            .Add(c => c.OnConnected, (CanvasEdge e) => _raised.Add(e))
            .Add(c => c.OnDisconnected, (string id) => _raised.Add($"disconnected:{id}"))
            .Add(c => c.OnSelectionChanged, (IReadOnlyList<string> ids) => _raised.Add(ids))
            .Add(c => c.OnCommand, (CanvasCommand command) => _raised.Add(command))
            .Add(c => c.OnOpen, (string id) => _raised.Add($"open:{id}")));

    private static Task Call(IRenderedComponent<FlowchartCanvas> cut, Func<FlowchartCanvas, Task> call) =>
        cut.InvokeAsync(() => call(cut.Instance)).WaitAsync(Timeout);

    [Fact]
    public async Task Drop_RaisesOnDrop()
    {
        var cut = RenderCanvas();

        await Call(cut, c => c.NotifyDrop("ModelEngine.WriteLine", 120, 80));

        Assert.Equal(new CanvasDrop("ModelEngine.WriteLine", 120, 80), Assert.Single(_raised));
    }

    [Fact]
    public async Task Drop_WithInvalidPoint_IsIgnored()
    {
        var cut = RenderCanvas();

        await Call(cut, c => c.NotifyDrop("ModelEngine.WriteLine", double.NaN, 80));
        await Call(cut, c => c.NotifyDrop(" ", 1, 1));

        Assert.Empty(_raised);
    }

    [Fact]
    public async Task Moved_KeepsKnownNodesOnly()
    {
        var cut = RenderCanvas();

        await Call(cut, c => c.NotifyMoved([new("a", 10, 20), new("ghost", 1, 1), new("b", double.PositiveInfinity, 0)]));

        var moved = Assert.IsAssignableFrom<IReadOnlyList<CanvasPosition>>(Assert.Single(_raised));
        Assert.Equal([new CanvasPosition("a", 10, 20)], moved);
    }

    [Fact]
    public async Task Connected_RaisesEdgeWithNewId()
    {
        var cut = RenderCanvas();

        await Call(cut, c => c.NotifyConnected("b", "True", "c", "In"));

        var edge = Assert.IsType<CanvasEdge>(Assert.Single(_raised));
        Assert.Equal(("b", "True", "c", "In"), (edge.Source, edge.SourcePort, edge.Target, edge.TargetPort));
        Assert.False(string.IsNullOrEmpty(edge.Id));
    }

    [Theory]
    [InlineData("b", "True", "b", "In")]
    [InlineData("a", "Done", "b", "In")]
    [InlineData("b", "Maybe", "c", "In")]
    [InlineData("b", "True", "a", "In")]
    [InlineData("b", "True", "c", "Done")]
    [InlineData("ghost", "Done", "c", "In")]
    public async Task Connected_Invalid_IsIgnored(string source, string sourcePort, string target, string targetPort)
    {
        var cut = RenderCanvas();

        await Call(cut, c => c.NotifyConnected(source, sourcePort, target, targetPort));

        Assert.Empty(_raised);
    }

    [Fact]
    public async Task Disconnected_KnownEdge_Raises()
    {
        var cut = RenderCanvas();

        await Call(cut, c => c.NotifyDisconnected("e1"));
        await Call(cut, c => c.NotifyDisconnected("missing"));

        Assert.Equal(["disconnected:e1"], _raised);
    }

    [Fact]
    public async Task SelectionChanged_DropsUnknownIds()
    {
        var cut = RenderCanvas();

        await Call(cut, c => c.NotifySelectionChanged(["a", "ghost", "c"]));

        Assert.Equal(["a", "c"], Assert.IsAssignableFrom<IReadOnlyList<string>>(Assert.Single(_raised)));
    }

    [Theory]
    [InlineData("Copy", CanvasCommand.Copy)]
    [InlineData("Cut", CanvasCommand.Cut)]
    [InlineData("Paste", CanvasCommand.Paste)]
    [InlineData("Delete", CanvasCommand.Delete)]
    [InlineData("Undo", CanvasCommand.Undo)]
    [InlineData("Redo", CanvasCommand.Redo)]
    [InlineData("Save", CanvasCommand.Save)]
    [InlineData("SelectAll", CanvasCommand.SelectAll)]
    public async Task Command_RaisesParsedCommand(string name, CanvasCommand expected)
    {
        var cut = RenderCanvas();

        await Call(cut, c => c.NotifyCommand(name));

        Assert.Equal(expected, Assert.Single(_raised));
    }

    [Theory]
    [InlineData("Format")]
    [InlineData("3")]
    [InlineData("copy")]
    public async Task Command_Unknown_IsIgnored(string name)
    {
        var cut = RenderCanvas();

        await Call(cut, c => c.NotifyCommand(name));

        Assert.Empty(_raised);
    }

    [Fact]
    public async Task Open_RaisesForKnownNode()
    {
        var cut = RenderCanvas();

        await Call(cut, c => c.NotifyOpen("b"));
        await Call(cut, c => c.NotifyOpen("ghost"));

        Assert.Equal(["open:b"], _raised);
    }

    [Fact]
    public async Task ReadOnly_IgnoresEdits()
    {
        var cut = RenderCanvas(readOnly: true);

        await Call(cut, c => c.NotifyDrop("ModelEngine.WriteLine", 1, 1));
        await Call(cut, c => c.NotifyMoved([new("a", 10, 20)]));
        await Call(cut, c => c.NotifyConnected("b", "True", "c", "In"));
        await Call(cut, c => c.NotifyDisconnected("e1"));
        foreach (var command in new[] { "Cut", "Paste", "Delete", "Undo", "Redo", "Save" })
        {
            await Call(cut, c => c.NotifyCommand(command));
        }

        Assert.Empty(_raised);
    }

    [Fact]
    public async Task ReadOnly_KeepsSelectionOpenAndCopy()
    {
        var cut = RenderCanvas(readOnly: true);

        await Call(cut, c => c.NotifySelectionChanged(["a"]));
        await Call(cut, c => c.NotifyOpen("a"));
        await Call(cut, c => c.NotifyCommand("Copy"));
        await Call(cut, c => c.NotifyCommand("SelectAll"));

        Assert.Equal(4, _raised.Count);
        Assert.Equal("open:a", _raised[1]);
        Assert.Equal(CanvasCommand.Copy, _raised[2]);
        Assert.Equal(CanvasCommand.SelectAll, _raised[3]);
    }
}
