namespace ModelEngine.Workflows.Auditing;

/// <summary>
/// One entry of the audit log: who performed an administrative action, when, and on which definition, instance or
/// API key.
/// </summary>
public sealed record AuditRecord
{
    /// <summary>A unique id. <see cref="AuditRecordFactory.Create"/> makes it time-ordered (a version 7 GUID).</summary>
    public required string Id { get; init; }

    /// <summary>When the action took effect, in UTC.</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>The user name or API key name of the caller.</summary>
    public required string Actor { get; init; }

    /// <summary>What happened, one of <see cref="AuditActions"/>.</summary>
    public required string Action { get; init; }

    /// <summary>The kind of target, one of <see cref="AuditEntityTypes"/>.</summary>
    public required string EntityType { get; init; }

    /// <summary>The id of the target: a definition id, an instance id or an API key id.</summary>
    public required string EntityId { get; init; }

    /// <summary>The definition involved, also for instance actions; <see langword="null"/> when there is none.</summary>
    public string? DefinitionId { get; init; }

    /// <summary>The definition version involved, such as the version published or the target of a migration.</summary>
    public int? Version { get; init; }

    /// <summary>Short free text, such as <c>force=true</c> or <c>from version 2</c>.</summary>
    public string? Detail { get; init; }
}
