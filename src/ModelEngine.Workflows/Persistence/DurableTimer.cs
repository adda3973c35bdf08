namespace ModelEngine.Workflows.Persistence;

/// <summary>A timer row: resume <see cref="BookmarkId"/> of an instance at <see cref="DueAt"/>.</summary>
public sealed record DurableTimer(string Id, string WorkflowInstanceId, string BookmarkId, DateTimeOffset DueAt);
