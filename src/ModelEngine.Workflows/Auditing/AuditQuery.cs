using ModelEngine.Workflows.Persistence;

namespace ModelEngine.Workflows.Auditing;

/// <summary>
/// Filters of an audit log page. Every filter that is set must match: text filters exactly, <see cref="From"/>
/// inclusive and <see cref="To"/> exclusive.
/// </summary>
public sealed record AuditQuery(
    PageRequest Page,
    string? Actor = null,
    string? EntityType = null,
    string? EntityId = null,
    string? Action = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null);
