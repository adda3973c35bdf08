using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Workflows.Persistence;

/// <summary>
/// The summary row of an instance, stored apart from its state so that lists never load state.
/// <see cref="Revision"/> increases with every commit and guards against lost updates.
/// </summary>
public sealed record WorkflowInstanceSummary
{
    public required string Id { get; init; }

    public required string DefinitionId { get; init; }

    public required string DefinitionVersionId { get; init; }

    public required int Version { get; init; }

    public required WorkflowSubStatus SubStatus { get; init; }

    public WorkflowStatus Status => SubStatus.ToStatus();

    public string? CorrelationId { get; init; }

    public string? Name { get; init; }

    /// <summary>The user or API key that started the instance.</summary>
    public string? Initiator { get; init; }

    public int IncidentCount { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    public long Revision { get; init; }
}
