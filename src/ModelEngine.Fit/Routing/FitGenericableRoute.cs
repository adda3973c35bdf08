using ModelEngine.Fit.Contracts;

namespace ModelEngine.Fit.Routing;

/// <summary>
/// The routing of one genericable: rules on argument values tried in order, a default fitable, and the timeout and
/// retry count of its calls. Configuration (<c>Fit:Routing:{id}</c>, <c>Fit:Genericables:{id}</c>) and code
/// (<c>FitBuilder.Route</c>) fill it.
/// </summary>
public sealed class FitGenericableRoute
{
    public FitGenericableRoute(string genericableId)
    {
        GenericableId = FitIds.Validate(genericableId, nameof(genericableId));
    }

    public string GenericableId { get; }

    /// <summary>The fitable chosen when several remain after ids, aliases and rules. It wins over fitables flagged as default.</summary>
    public string? DefaultFitableId { get; set; }

    /// <summary>Rules tried in order. The first whose condition is true and whose target is a candidate narrows the call.</summary>
    public IList<FitRouteRule> Rules { get; } = [];

    /// <summary>The time a call may take when the call sets none, or <see langword="null"/> for the global default.</summary>
    public TimeSpan? Timeout { get; set; }

    /// <summary>The number of retries of a failed attempt when the call sets no count, or <see langword="null"/>.</summary>
    public int? Retry { get; set; }
}
