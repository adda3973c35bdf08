namespace ModelEngine.Studio.Features.Designer.Canvas;

/// <summary>A connection from an outcome port to an activity's input. <see cref="Taken"/> marks the path an instance took.</summary>
public sealed record CanvasEdge(string Id, string Source, string SourcePort, string Target, string TargetPort = "In", bool Taken = false);
