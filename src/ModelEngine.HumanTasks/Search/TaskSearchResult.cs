using ModelEngine.HumanTasks.Model;

namespace ModelEngine.HumanTasks.Search;

/// <summary>
/// One page of a task search. <see cref="NextCursor"/> is <see langword="null"/> on the last page.
/// <see cref="TotalCount"/> counts every task that matches the filter.
/// </summary>
public sealed record TaskSearchResult(IReadOnlyList<HumanTask> Items, TaskSearchCursor? NextCursor, long TotalCount, TaskSearchCounts Counts);
