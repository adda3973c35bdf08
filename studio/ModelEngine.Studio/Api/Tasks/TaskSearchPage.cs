namespace ModelEngine.Studio.Api.Tasks;

/// <summary>The response of <c>POST /api/tasks/search</c>: one page, the total that matches the filter and the view counts.</summary>
public sealed record TaskSearchPage(IReadOnlyList<HumanTask> Items, int TotalCount, string? NextCursor, TaskSearchCounts? Counts);
