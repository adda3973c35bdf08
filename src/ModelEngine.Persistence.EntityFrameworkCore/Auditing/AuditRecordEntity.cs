namespace ModelEngine.Persistence.EntityFrameworkCore.Auditing;

/// <summary>A row of the AuditRecords table.</summary>
internal sealed class AuditRecordEntity
{
    public required string Id { get; set; }

    public DateTimeOffset Timestamp { get; set; }

    public required string Actor { get; set; }

    public required string Action { get; set; }

    public required string EntityType { get; set; }

    public required string EntityId { get; set; }

    public string? DefinitionId { get; set; }

    public int? Version { get; set; }

    public string? Detail { get; set; }
}
