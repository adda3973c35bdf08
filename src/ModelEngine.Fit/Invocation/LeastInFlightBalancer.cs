using ModelEngine.Fit.Registry;

namespace ModelEngine.Fit.Invocation;

/// <summary>Takes the worker with the fewest calls from this process still running. Ties go in turn.</summary>
internal sealed class LeastInFlightBalancer(WorkerLoad load) : IFitLoadBalancer
{
    private int _next = -1;

    public FitWorkerInfo Pick(IReadOnlyList<FitWorkerInfo> workers)
    {
        var start = (int)((uint)Interlocked.Increment(ref _next) % (uint)workers.Count);
        var best = workers[start];
        var least = load.Get(best.WorkerId);
        for (var i = 1; i < workers.Count && least > 0; i++)
        {
            var candidate = workers[(start + i) % workers.Count];
            var count = load.Get(candidate.WorkerId);
            if (count < least)
            {
                best = candidate;
                least = count;
            }
        }

        return best;
    }
}
