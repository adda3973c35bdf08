using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using Microsoft.JSInterop;

namespace ModelEngine.Studio.Features.Designer.Canvas;

/// <summary>
/// The designer's flowchart canvas. It draws <see cref="Graph"/> in the browser with AntV X6 and reports the user's
/// edits as events. It never changes the graph itself: the owner applies an edit and passes a new <see cref="Graph"/>.
/// </summary>
public sealed partial class FlowchartCanvas : IAsyncDisposable
{
    /// <summary>The bundle built from canvas/src, relative to the studio's base href.</summary>
    internal const string ModulePath = "./_content/ModelEngine.Studio/js/flowchart.js";

    // Commands that still work on a read-only canvas: they do not change the graph.
    private static readonly HashSet<CanvasCommand> ReadOnlyCommands = [CanvasCommand.Copy, CanvasCommand.SelectAll];

    private readonly string _id = $"me-canvas-{Guid.NewGuid():N}";
    private ElementReference _root;
    private IJSObjectReference? _module;
    private IJSObjectReference? _canvas;
    private DotNetObjectReference<FlowchartCanvas>? _self;
    private CanvasGraph? _drawnGraph;
    private bool _drawnReadOnly;
    private bool _drawnShowMinimap;
    private bool _disposed;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private IStringLocalizer<CanvasResources> L { get; set; } = default!;

    /// <summary>The graph to draw. A new instance is compared with the last one drawn and only the difference is applied.</summary>
    [Parameter, EditorRequired]
    public CanvasGraph Graph { get; set; } = CanvasGraph.Empty;

    /// <summary>Whether the user may change the graph. The instance viewer shows a read-only canvas.</summary>
    [Parameter]
    public bool ReadOnly { get; set; }

    /// <summary>The accessible name of the canvas. Defaults to a localized "Flowchart".</summary>
    [Parameter]
    public string? AriaLabel { get; set; }

    /// <summary>Whether the overview map shows in the bottom-right corner.</summary>
    [Parameter]
    public bool ShowMinimap { get; set; } = true;

    /// <summary>Raised when an activity type from the toolbox is dropped on the canvas.</summary>
    [Parameter]
    public EventCallback<CanvasDrop> OnDrop { get; set; }

    /// <summary>Raised when nodes were moved, once per drag with every moved node, and by <see cref="AutoLayoutAsync"/>.</summary>
    [Parameter]
    public EventCallback<IReadOnlyList<CanvasPosition>> OnMoved { get; set; }

    /// <summary>
    /// Raised when the user drew a connection from an outcome port to a node. The edge has a new id, which the owner
    /// may keep or replace. The canvas draws the edge only once the owner passes a graph that contains it.
    /// </summary>
    [Parameter]
    public EventCallback<CanvasEdge> OnConnected { get; set; }

    /// <summary>Raised with an edge id when the user removed a connection.</summary>
    [Parameter]
    public EventCallback<string> OnDisconnected { get; set; }

    /// <summary>Raised with the ids of the selected nodes whenever the selection changes.</summary>
    [Parameter]
    public EventCallback<IReadOnlyList<string>> OnSelectionChanged { get; set; }

    /// <summary>Raised for keyboard commands: copy, cut, paste, delete, undo, redo, save and select all.</summary>
    [Parameter]
    public EventCallback<CanvasCommand> OnCommand { get; set; }

    /// <summary>Raised with a node id on double-click or Enter, to open a nested flowchart or the node's properties.</summary>
    [Parameter]
    public EventCallback<string> OnOpen { get; set; }

    /// <summary>Moves the keyboard focus to the canvas, where the arrow keys, Enter and Delete work on the nodes.</summary>
    public ValueTask FocusAsync() => _root.FocusAsync();

    /// <summary>Zooms in one step around the centre of the view.</summary>
    public Task ZoomInAsync() => InvokeCanvasAsync("zoomIn");

    /// <summary>Zooms out one step around the centre of the view.</summary>
    public Task ZoomOutAsync() => InvokeCanvasAsync("zoomOut");

    /// <summary>Scales and pans the view so that every node is visible.</summary>
    public Task ZoomToFitAsync() => InvokeCanvasAsync("zoomToFit");

    /// <summary>
    /// Lays the nodes out left to right and raises <see cref="OnMoved"/> with every node's new position. A read-only
    /// canvas moves its nodes but raises nothing.
    /// </summary>
    public async Task AutoLayoutAsync()
    {
        if (_canvas is null)
        {
            return;
        }

        var positions = await _canvas.InvokeAsync<CanvasPosition[]>("autoLayout");
        if (!ReadOnly && positions.Length > 0)
        {
            await OnMoved.InvokeAsync(positions);
        }
    }

    /// <summary>Selects the nodes with these ids, and raises <see cref="OnSelectionChanged"/>.</summary>
    public async Task SelectAsync(IReadOnlyList<string> nodeIds)
    {
        await InvokeCanvasAsync("select", nodeIds);
        await OnSelectionChanged.InvokeAsync(nodeIds);
    }

    /// <inheritdoc />
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_disposed)
        {
            return;
        }

        if (firstRender)
        {
            await CreateCanvasAsync();
        }

        await SynchronizeAsync();
    }

    private async Task CreateCanvasAsync()
    {
        _self = DotNetObjectReference.Create(this);
        _module = await JS.InvokeAsync<IJSObjectReference>("import", ModulePath);
        var graph = Graph;
        var readOnly = ReadOnly;
        var showMinimap = ShowMinimap;
        _canvas = await _module.InvokeAsync<IJSObjectReference>("createCanvas", _root, _self, graph, CreateOptions(readOnly, showMinimap));
        _drawnGraph = graph;
        _drawnReadOnly = readOnly;
        _drawnShowMinimap = showMinimap;
    }

    // Sends what changed since the last call. Each field is marked as drawn before the await, so a render that
    // arrives meanwhile does not send the same change twice.
    private async Task SynchronizeAsync()
    {
        if (_canvas is null || _disposed)
        {
            return;
        }

        if (ReadOnly != _drawnReadOnly)
        {
            _drawnReadOnly = ReadOnly;
            await _canvas.InvokeVoidAsync("setReadOnly", ReadOnly);
        }

        if (!ReferenceEquals(Graph, _drawnGraph))
        {
            var graph = Graph;
            _drawnGraph = graph;
            await _canvas.InvokeVoidAsync("update", graph);
        }

        if (ShowMinimap != _drawnShowMinimap)
        {
            _drawnShowMinimap = ShowMinimap;
            await _canvas.InvokeVoidAsync("setShowMinimap", ShowMinimap);
        }
    }

    private async Task InvokeCanvasAsync(string method, params object?[] arguments)
    {
        if (_canvas is not null && !_disposed)
        {
            await _canvas.InvokeVoidAsync(method, arguments);
        }
    }

    private CanvasScriptOptions CreateOptions(bool readOnly, bool showMinimap) => new(
        readOnly,
        showMinimap,
        new CanvasScriptStrings(
            L["Activity"],
            L["Problems"],
            L["Selected"],
            L["NoSelection"],
            new Dictionary<string, string>
            {
                ["Completed"] = L["StatusCompleted"],
                ["Running"] = L["StatusRunning"],
                ["Suspended"] = L["StatusSuspended"],
                ["Faulted"] = L["StatusFaulted"],
                ["Cancelled"] = L["StatusCancelled"],
            }));

    /// <summary>Tears down the X6 graph in the browser and releases the interop references.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            if (_canvas is not null)
            {
                await _canvas.InvokeVoidAsync("dispose");
                await _canvas.DisposeAsync();
            }

            if (_module is not null)
            {
                await _module.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone, and the page with it: nothing is left to tear down in the browser.
        }

        _self?.Dispose();
    }
}
