namespace ModelEngine.Fit.Routing;

/// <summary>The fitables a call goes to, with the candidates routing left out and why.</summary>
internal sealed class RouteDecision(FitTarget[] targets, IReadOnlyList<FitRouteRejection> rejections, string? rule)
{
    /// <summary>One target for unicast, or every remaining target for multicast.</summary>
    public FitTarget[] Targets { get; } = targets;

    public IReadOnlyList<FitRouteRejection> Rejections { get; } = rejections;

    /// <summary>The rule that chose the targets, or <see langword="null"/>.</summary>
    public string? Rule { get; } = rule;
}
