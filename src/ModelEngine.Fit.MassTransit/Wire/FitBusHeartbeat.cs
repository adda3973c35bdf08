using ModelEngine.Fit.Contracts;
using ModelEngine.Fit.Registry;

namespace ModelEngine.Fit.MassTransit.Wire;

/// <summary>A worker's heartbeat; the FlatBuffers <c>Heartbeat</c> table in memory.</summary>
internal sealed record FitBusHeartbeat
{
    public required string WorkerId { get; init; }

    public required string NodeId { get; init; }

    public required string Queue { get; init; }

    public string? TransferEndpoint { get; init; }

    public string Language { get; init; } = "dotnet";

    public IReadOnlyList<FitableDescriptor> Fitables { get; init; } = [];

    /// <summary>How long this heartbeat keeps the worker alive.</summary>
    public TimeSpan AliveFor { get; init; }

    public ulong Sequence { get; init; }

    /// <summary>Set on the last heartbeat a worker sends when it shuts down.</summary>
    public bool Stopping { get; init; }

    /// <summary>The registry's view of the worker, alive until <paramref name="receivedAt"/> plus <see cref="AliveFor"/>.</summary>
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
