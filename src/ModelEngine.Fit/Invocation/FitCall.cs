using System.Diagnostics;
using ModelEngine.Fit.Client;
using ModelEngine.Fit.Routing;

namespace ModelEngine.Fit.Invocation;

/// <summary>The state of one call on the dispatcher's slow path, shared by its attempts.</summary>
internal sealed class FitCall
{
    public required RoutePlan Plan { get; init; }

    public required object?[] Arguments { get; init; }

    public required FitCallOptions Options { get; init; }

    /// <summary>The declared result type: <see cref="void"/> for none, or <see langword="null"/> to take the contract's.</summary>
    public required Type? ResultType { get; init; }

    /// <summary>The caller's token.</summary>
    public required CancellationToken CallerToken { get; init; }

    /// <summary>The token attempts observe: the caller's, linked with the call's timeout.</summary>
    public required CancellationToken Token { get; init; }

    public required int Retry { get; init; }

    public required TimeSpan Timeout { get; init; }

    public required long StartedAt { get; init; }

    public Activity? Activity { get; init; }

    public RouteDecision Decision { get; set; } = null!;

    /// <summary>An attempt the fast path already started on the first target, taken over by the first attempt.</summary>
    public ValueTask<object?>? Started { get; set; }

    /// <summary>The fitable of the latest unicast attempt, named by a timeout error.</summary>
    public string? FitableId { get; set; }

    /// <summary>The worker of the latest unicast attempt, or <see langword="null"/> when it ran in this process.</summary>
    public string? WorkerId { get; set; }

    public string GenericableId => Plan.GenericableId;
}
