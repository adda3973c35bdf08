using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace ModelEngine.Fit.Invocation;

/// <summary>The number of calls from this process that each worker is running now.</summary>
internal sealed class WorkerLoad
{
    private readonly ConcurrentDictionary<string, StrongBox<int>> _counts = new(StringComparer.Ordinal);

    public int Get(string workerId) => _counts.TryGetValue(workerId, out var box) ? Volatile.Read(ref box.Value) : 0;

    public void Enter(string workerId) => Interlocked.Increment(ref _counts.GetOrAdd(workerId, static _ => new StrongBox<int>()).Value);

    public void Exit(string workerId)
    {
        if (_counts.TryGetValue(workerId, out var box))
        {
            Interlocked.Decrement(ref box.Value);
        }
    }
}
