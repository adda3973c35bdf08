using ModelEngine.Fit.Contracts;

namespace ModelEngine.Fel.Tools.Tests.Fit;

/// <summary>An operator contract whose parameters share a record type.</summary>
public interface IGeoOperators
{
    [Genericable("samples.geo.distance")]
    double Distance(GeoPoint from, GeoPoint to);
}
