using ModelEngine.Fit.Hosting;

namespace ModelEngine.Fit.MassTransit.Hosting;

/// <summary>This process's node id and worker id on the FIT bus, fixed for the life of the process.</summary>
public sealed class FitBusIdentity
{
    public FitBusIdentity(string nodeId, string workerId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nodeId);
        ArgumentException.ThrowIfNullOrWhiteSpace(workerId);
        NodeId = nodeId;
        WorkerId = workerId;
    }

    public string NodeId { get; }

    public string WorkerId { get; }

    /// <summary>The queue that takes this process's requests when it is a worker.</summary>
    public string Queue => FitBusNames.WorkerQueue(WorkerId);

    /// <summary>Uses the configured worker id, or makes one from the node id, the process id and a random suffix.</summary>
    public static FitBusIdentity From(FitNodeOptions node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var workerId = string.IsNullOrWhiteSpace(node.WorkerId)
            ? $"{node.NodeId}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}"
            : node.WorkerId;
        return new FitBusIdentity(node.NodeId, workerId);
    }
}
