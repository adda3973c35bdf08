using ModelEngine.Fit.Contracts;

namespace ModelEngine.Fel.Tools.Tests.Fit;

/// <summary>The fitable of <see cref="IGeoOperators"/>.</summary>
[Fitable("default", IsDefault = true)]
public sealed class GeoOperators : IGeoOperators
{
    public double Distance(GeoPoint from, GeoPoint to) => Math.Sqrt(Math.Pow(to.X - from.X, 2) + Math.Pow(to.Y - from.Y, 2));
}
