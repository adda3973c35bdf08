namespace ModelEngine.Studio.Api.Instances;

/// <summary>An instance in the list shape of <c>GET /api/workflow-instances</c>.</summary>
public record InstanceSummary
{
    public required string Id { get; init; }

    public required string DefinitionId { get; init; }

    public string? DefinitionVersionId { get; init; }

    public int Version { get; init; }

    /// <summary><c>Running</c> or <c>Finished</c>.</summary>
    public required string Status { get; init; }

    /// <summary><c>Pending</c>, <c>Executing</c> or <c>Suspended</c> while running, and <c>Finished</c>, <c>Cancelled</c> or <c>Faulted</c> once finished.</summary>
    public required string SubStatus { get; init; }

    public string? CorrelationId { get; init; }

    public string? Name { get; init; }

    public string? Initiator { get; init; }

    public int IncidentCount { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }
}
