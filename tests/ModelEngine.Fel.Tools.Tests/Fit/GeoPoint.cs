namespace ModelEngine.Fel.Tools.Tests.Fit;

/// <summary>A point on a plane.</summary>
public sealed record GeoPoint(double X, double Y);
