namespace ModelEngine.Studio.Features.Designer.Canvas;

/// <summary>What the canvas draws: one flowchart level, its activities as nodes and its connections as edges.</summary>
public sealed record CanvasGraph(IReadOnlyList<CanvasNode> Nodes, IReadOnlyList<CanvasEdge> Edges)
{
    public static CanvasGraph Empty { get; } = new([], []);
}
