using ModelEngine.Fit.Client;
using ModelEngine.Fit.Contracts;

namespace ModelEngine.Fit.Routing;

/// <summary>
/// Everything about a call's route that does not depend on its argument values, for one genericable, one registry
/// version and one shape of call options. A call whose genericable has no rules finds its whole decision here.
/// </summary>
internal sealed class RoutePlan
{
    public required long Version { get; init; }

    public required string GenericableId { get; init; }

    public required GenericableDescriptor? Genericable { get; init; }

    public required FitGenericableRoute? Route { get; init; }

    public required bool Multicast { get; init; }

    /// <summary>Every fitable of the genericable, for degradation targets.</summary>
    public required FitTarget[] All { get; init; }

    /// <summary>The fitables left after the explicit id and alias filters.</summary>
    public required FitTarget[] Candidates { get; init; }

    public required FitRouteRejection[] StaticRejections { get; init; }

    /// <summary>The decision when no rule applies, or <see langword="null"/> when rules must see the arguments.</summary>
    public RouteDecision? Static { get; init; }

    /// <summary>The error every call gets when no rule applies and routing cannot choose.</summary>
    public (FitErrorCode Code, string Message)? StaticError { get; init; }

    /// <summary>A unicast target that runs only here, which the dispatcher may call without further routing.</summary>
    public FitTarget? Fast { get; init; }

    /// <summary>The parameter count when the contract is known, otherwise -1.</summary>
    public int ParameterCount => Genericable?.Parameters.Count ?? -1;

    public FitTarget? Find(string fitableId)
    {
        foreach (var target in All)
        {
            if (string.Equals(target.Id, fitableId, StringComparison.Ordinal))
            {
                return target;
            }
        }

        return null;
    }
}
