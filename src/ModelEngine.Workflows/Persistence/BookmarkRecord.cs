namespace ModelEngine.Workflows.Persistence;

/// <summary>
/// A bookmark as indexed in the database. A bookmark with <see cref="DueAt"/> is also a durable timer: the store writes
/// a timer row for it in the same transaction and removes that row when the bookmark goes.
/// </summary>
public sealed record BookmarkRecord(
    string Id,
    string WorkflowInstanceId,
    string ActivityId,
    string ActivityInstanceId,
    string Name,
    string? PayloadJson,
    string? CorrelationId,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DueAt);
