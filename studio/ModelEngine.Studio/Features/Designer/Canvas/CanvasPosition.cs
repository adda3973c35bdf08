namespace ModelEngine.Studio.Features.Designer.Canvas;

/// <summary>A node's new position in canvas coordinates, after a move or an auto-layout.</summary>
public sealed record CanvasPosition(string Id, double X, double Y);
