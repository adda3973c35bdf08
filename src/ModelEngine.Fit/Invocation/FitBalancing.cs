namespace ModelEngine.Fit.Invocation;

/// <summary>The strategy a remote call uses to pick among the live workers that host its fitable (<c>Fit:Balancing</c>).</summary>
public enum FitBalancing
{
    /// <summary>Each call takes the next worker in turn.</summary>
    RoundRobin,

    /// <summary>Each call takes the worker with the fewest calls from this process still running.</summary>
    LeastInFlight,
}
