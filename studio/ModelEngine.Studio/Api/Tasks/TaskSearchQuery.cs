namespace ModelEngine.Studio.Api.Tasks;

/// <summary>
/// One page of <c>POST /api/tasks/search</c>: the inbox view's filter, the sort and the offset paging. A
/// <see langword="null"/> member is left out of the request.
/// </summary>
public sealed record TaskSearchQuery
{
    /// <summary>The statuses to include; <see langword="null"/> means the open statuses.</summary>
    public IReadOnlyList<string>? Status { get; init; }

    public string? Assignee { get; init; }

    /// <summary>Whether to keep only the tasks offered to the caller or the caller's groups.</summary>
    public bool CandidateOfMe { get; init; }

    public string? DefinitionId { get; init; }

    /// <summary>Keeps the tasks due before this instant (exclusive), which is how the inbox requests overdue tasks.</summary>
    public DateTimeOffset? DueBefore { get; init; }

    /// <summary>Text that the task's title or description must contain, ignoring case; blank sends no text filter.</summary>
    public string? Text { get; init; }

    /// <summary><c>createdAt</c>, <c>dueAt</c>, <c>followUpAt</c>, <c>priority</c> or <c>title</c>.</summary>
    public string SortField { get; init; } = "createdAt";

    public bool Descending { get; init; }

    public int Offset { get; init; }

    public int PageSize { get; init; } = 25;
}
