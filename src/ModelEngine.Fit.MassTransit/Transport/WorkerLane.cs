using System.Collections.Concurrent;
using MassTransit;

namespace ModelEngine.Fit.MassTransit.Transport;

/// <summary>The caller's state for one worker: its credits, its pending calls and its cached send endpoint.</summary>
internal sealed class WorkerLane(string workerId, int maxInFlight)
{
    public string WorkerId { get; } = workerId;

    /// <summary>One slot per call in flight. A call waits for a slot before its request is encoded.</summary>
    public SemaphoreSlim Credits { get; } = new(maxInFlight, maxInFlight);

    public ConcurrentDictionary<Guid, PendingCall> Pending { get; } = new();

    /// <summary>Guards <see cref="SeenInRegistry"/> against a departure racing a new call.</summary>
    public Lock Gate { get; } = new();

    /// <summary>
    /// Set while the registry lists the worker. When the registry drops a listed worker, its calls fail at once.
    /// A worker that was never listed (a direct call) keeps its calls until their timeout.
    /// </summary>
    public bool SeenInRegistry { get; set; }

    /// <summary>The send endpoint of the worker's exchange, resolved once.</summary>
    public Task<ISendEndpoint>? Endpoint { get; set; }
}
