namespace ModelEngine.HumanTasks.Search;

/// <summary>
/// The sizes of the caller's standard views, whatever the filter: open tasks the caller holds, open tasks offered to one
/// of the caller's groups, and visible open tasks that are past due.
/// </summary>
public sealed record TaskSearchCounts(long Mine, long MyGroups, long Overdue);
