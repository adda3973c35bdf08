namespace ModelEngine.Studio.Features.Designer.Canvas;

/// <summary>An activity type dropped from the toolbox at a point in canvas coordinates.</summary>
public sealed record CanvasDrop(string TypeName, double X, double Y);
