using System.Text.Json.Nodes;
using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Server.Endpoints.Contracts;

/// <summary>An instance with its input, output, variables and incidents.</summary>
public sealed record WorkflowInstanceResponse(
    string Id,
    string DefinitionId,
    string DefinitionVersionId,
    int Version,
    WorkflowStatus Status,
    WorkflowSubStatus SubStatus,
    string? CorrelationId,
    string? Name,
    string? Initiator,
    JsonObject Input,
    JsonObject Output,
    JsonObject Variables,
    IReadOnlyList<Incident> Incidents,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? FinishedAt)
{
    public static WorkflowInstanceResponse From(WorkflowInstanceView view)
    {
        var summary = view.Summary;
        return new WorkflowInstanceResponse(
            summary.Id,
            summary.DefinitionId,
            summary.DefinitionVersionId,
            summary.Version,
            summary.Status,
            summary.SubStatus,
            summary.CorrelationId,
            summary.Name,
            summary.Initiator,
            view.Input,
            view.Output,
            view.Variables,
            view.Incidents,
            summary.CreatedAt,
            summary.UpdatedAt,
            summary.FinishedAt);
    }
}
