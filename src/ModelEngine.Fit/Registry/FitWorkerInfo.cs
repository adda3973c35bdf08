using ModelEngine.Fit.Contracts;

namespace ModelEngine.Fit.Registry;

/// <summary>A worker process as its last heartbeat described it.</summary>
public sealed record FitWorkerInfo
{
    public required string WorkerId { get; init; }

    /// <summary>The node (machine) the worker runs on. Shared-memory handles of this node are readable there.</summary>
    public required string NodeId { get; init; }

    /// <summary>The queue that takes the worker's requests.</summary>
    public required string Queue { get; init; }

    /// <summary>Where the worker's node serves payload transfers, or <see langword="null"/>.</summary>
    public string? TransferEndpoint { get; init; }

    /// <summary><c>dotnet</c>, <c>python</c> or another runtime name, for operators' eyes.</summary>
    public string Language { get; init; } = "dotnet";

    public required IReadOnlyList<FitableDescriptor> Fitables { get; init; }

    /// <summary>When the registry drops the worker unless another heartbeat arrives.</summary>
    public DateTimeOffset ExpiresAt { get; init; }
}
