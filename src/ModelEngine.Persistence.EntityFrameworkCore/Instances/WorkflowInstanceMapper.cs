using ModelEngine.Workflows.Persistence;

namespace ModelEngine.Persistence.EntityFrameworkCore.Instances;

internal static class WorkflowInstanceMapper
{
    public static WorkflowInstanceSummary ToSummary(WorkflowInstanceEntity entity) => new()
    {
        Id = entity.Id,
        DefinitionId = entity.DefinitionId,
        DefinitionVersionId = entity.DefinitionVersionId,
        Version = entity.Version,
        SubStatus = entity.SubStatus,
        CorrelationId = entity.CorrelationId,
        Name = entity.Name,
        Initiator = entity.Initiator,
        IncidentCount = entity.IncidentCount,
        CreatedAt = entity.CreatedAt,
        UpdatedAt = entity.UpdatedAt,
        FinishedAt = entity.FinishedAt,
        Revision = entity.Revision,
    };

    public static WorkflowInstanceEntity ToEntity(WorkflowInstanceSummary summary, long revision) => new()
    {
        Id = summary.Id,
        DefinitionId = summary.DefinitionId,
        DefinitionVersionId = summary.DefinitionVersionId,
        Version = summary.Version,
        Status = summary.Status,
        SubStatus = summary.SubStatus,
        CorrelationId = summary.CorrelationId,
        Name = summary.Name,
        Initiator = summary.Initiator,
        IncidentCount = summary.IncidentCount,
        CreatedAt = summary.CreatedAt,
        UpdatedAt = summary.UpdatedAt,
        FinishedAt = summary.FinishedAt,
        Revision = revision,
    };
}
