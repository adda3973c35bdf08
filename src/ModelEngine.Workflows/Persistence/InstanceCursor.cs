namespace ModelEngine.Workflows.Persistence;

/// <summary>
/// A position in the instance list, which is ordered by <see cref="CreatedAt"/> and then <see cref="Id"/>, both
/// descending: the values of the last instance a client has read.
/// </summary>
public sealed record InstanceCursor(DateTimeOffset CreatedAt, string Id);
