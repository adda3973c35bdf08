namespace ModelEngine.Workflows.Auditing;

/// <summary>Creates audit records with a time-ordered id.</summary>
public static class AuditRecordFactory
{
    /// <summary>Returns a record stamped with <paramref name="timestamp"/> and a version 7 GUID taken from it.</summary>
    public static AuditRecord Create(
        DateTimeOffset timestamp,
        string actor,
        string action,
        string entityType,
        string entityId,
        string? definitionId = null,
        int? version = null,
        string? detail = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(actor);
        ArgumentException.ThrowIfNullOrEmpty(action);
        ArgumentException.ThrowIfNullOrEmpty(entityType);
        ArgumentException.ThrowIfNullOrEmpty(entityId);
        return new AuditRecord
        {
            Id = Guid.CreateVersion7(timestamp).ToString("N"),
            Timestamp = timestamp.ToUniversalTime(),
            Actor = actor,
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            DefinitionId = definitionId,
            Version = version,
            Detail = detail,
        };
    }
}
