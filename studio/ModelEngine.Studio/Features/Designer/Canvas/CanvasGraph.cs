namespace ModelEngine.Studio.Features.Designer.Canvas;

/// <summary>What the canvas draws: one flowchart level, its activities as nodes and its connections as edges.</summary>
public sealed record CanvasGraph(IReadOnlyList<CanvasNode> Nodes, IReadOnlyList<CanvasEdge> Edges)
{
    public static CanvasGraph Empty { get; } = new([], []);

    /// <summary>
    /// The id of a node the canvas brings into view after drawing this graph, when it lies outside the view. The
    /// designer sets it for an activity added from the toolbox by keyboard, which has no drop point.
    /// </summary>
    public string? RevealNodeId { get; init; }
}
