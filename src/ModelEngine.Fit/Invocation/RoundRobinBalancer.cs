using ModelEngine.Fit.Registry;

namespace ModelEngine.Fit.Invocation;

/// <summary>Takes the workers in turn.</summary>
internal sealed class RoundRobinBalancer : IFitLoadBalancer
{
    private int _next = -1;

    public FitWorkerInfo Pick(IReadOnlyList<FitWorkerInfo> workers)
    {
        var turn = (uint)Interlocked.Increment(ref _next);
        return workers[(int)(turn % (uint)workers.Count)];
    }
}
