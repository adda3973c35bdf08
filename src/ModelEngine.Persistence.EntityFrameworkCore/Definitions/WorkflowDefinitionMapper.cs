using ModelEngine.Workflows.Persistence;

namespace ModelEngine.Persistence.EntityFrameworkCore.Definitions;

internal static class WorkflowDefinitionMapper
{
    public static WorkflowDefinitionRecord ToRecord(WorkflowDefinitionEntity entity) => new()
    {
        Id = entity.Id,
        DefinitionId = entity.DefinitionId,
        Version = entity.Version,
        Name = entity.Name,
        Description = entity.Description,
        IsLatest = entity.IsLatest,
        IsPublished = entity.IsPublished,
        CreatedAt = entity.CreatedAt,
        UpdatedAt = entity.UpdatedAt,
        CreatedBy = entity.CreatedBy,
        ModelJson = entity.ModelJson,
    };

    public static WorkflowDefinitionEntity ToEntity(WorkflowDefinitionRecord record) => new WorkflowDefinitionEntity
    {
        Id = record.Id,
        DefinitionId = record.DefinitionId,
        ModelJson = record.ModelJson,
    }.CopyFrom(record);

    /// <summary>Copies every column but the key from <paramref name="record"/>.</summary>
    public static WorkflowDefinitionEntity CopyFrom(this WorkflowDefinitionEntity entity, WorkflowDefinitionRecord record)
    {
        entity.DefinitionId = record.DefinitionId;
        entity.Version = record.Version;
        entity.Name = record.Name;
        entity.Description = record.Description;
        entity.IsLatest = record.IsLatest;
        entity.IsPublished = record.IsPublished;
        entity.CreatedAt = record.CreatedAt;
        entity.UpdatedAt = record.UpdatedAt;
        entity.CreatedBy = record.CreatedBy;
        entity.ModelJson = record.ModelJson;
        return entity;
    }
}
