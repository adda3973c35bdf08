using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Persistence.EntityFrameworkCore.Instances;

/// <summary>A row of the WorkflowInstances table: the summary of an instance, without its state.</summary>
internal sealed class WorkflowInstanceEntity
{
    public required string Id { get; set; }

    public required string DefinitionId { get; set; }

    public required string DefinitionVersionId { get; set; }

    public int Version { get; set; }

    public WorkflowStatus Status { get; set; }

    public WorkflowSubStatus SubStatus { get; set; }

    public string? CorrelationId { get; set; }

    public string? Name { get; set; }

    public string? Initiator { get; set; }

    public int IncidentCount { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>The concurrency token: every commit writes the expected revision plus one.</summary>
    public long Revision { get; set; }
}
