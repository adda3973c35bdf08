using ModelEngine.Fit.Contracts;
using ModelEngine.Fit.Registry;

namespace ModelEngine.Fit.Protocol;

/// <summary>A worker's heartbeat: the FlatBuffers <c>Heartbeat</c> table in memory.</summary>
public sealed record FitHeartbeat
{
    public required string WorkerId { get; init; }

    public required string NodeId { get; init; }

    /// <summary>The queue that takes the worker's requests.</summary>
    public required string Queue { get; init; }

    /// <summary>Where the worker's node serves payload transfers, or <see langword="null"/>.</summary>
    public string? TransferEndpoint { get; init; }

    public string Language { get; init; } = "dotnet";

    public IReadOnlyList<FitableDescriptor> Fitables { get; init; } = [];

    /// <summary>The time this heartbeat keeps the worker alive.</summary>
    public TimeSpan AliveFor { get; init; }

    /// <summary>Counts up with each heartbeat of one worker, so a registry can drop a late, older one.</summary>
    public ulong Sequence { get; init; }

    /// <summary>Set on the last heartbeat a worker sends when it shuts down.</summary>
    public bool Stopping { get; init; }

    /// <summary>Converts the heartbeat to the registry's view of its worker, alive until <paramref name="receivedAt"/> plus <see cref="AliveFor"/>.</summary>
    public FitWorkerInfo ToWorkerInfo(DateTimeOffset receivedAt) => new()
    {
        WorkerId = WorkerId,
        NodeId = NodeId,
        Queue = Queue,
        TransferEndpoint = TransferEndpoint,
        Language = Language,
        Fitables = Fitables,
        ExpiresAt = receivedAt + AliveFor,
    };
}
