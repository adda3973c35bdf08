using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Server.Endpoints.Contracts;

/// <summary>An instance as listed, without its input, output, variables and incidents.</summary>
public sealed record WorkflowInstanceSummaryResponse(
    string Id,
    string DefinitionId,
    string DefinitionVersionId,
    int Version,
    WorkflowStatus Status,
    WorkflowSubStatus SubStatus,
    string? CorrelationId,
    string? Name,
    string? Initiator,
    int IncidentCount,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? FinishedAt)
{
    public static WorkflowInstanceSummaryResponse From(WorkflowInstanceSummary summary) => new(
        summary.Id,
        summary.DefinitionId,
        summary.DefinitionVersionId,
        summary.Version,
        summary.Status,
        summary.SubStatus,
        summary.CorrelationId,
        summary.Name,
        summary.Initiator,
        summary.IncidentCount,
        summary.CreatedAt,
        summary.UpdatedAt,
        summary.FinishedAt);
}
