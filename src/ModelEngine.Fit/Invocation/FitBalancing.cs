namespace ModelEngine.Fit.Invocation;

/// <summary>How a remote call picks among the live workers that host its fitable (<c>Fit:Balancing</c>).</summary>
public enum FitBalancing
{
    /// <summary>Each call takes the next worker in turn.</summary>
    RoundRobin,

    /// <summary>Each call takes the worker with the fewest calls from this process still running.</summary>
    LeastInFlight,
}
