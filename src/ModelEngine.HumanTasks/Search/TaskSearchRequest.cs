namespace ModelEngine.HumanTasks.Search;

/// <summary>
/// A page of a task search. <see cref="Cursor"/>, from the previous page's <see cref="TaskSearchResult.NextCursor"/>,
/// and <see cref="Offset"/> are exclusive.
/// </summary>
public sealed record TaskSearchRequest
{
    /// <summary>The largest page a search returns.</summary>
    public const int MaxPageSize = 1000;

    public const int DefaultPageSize = 50;

    public TaskSearchFilter Filter { get; init; } = new();

    public TaskSort Sort { get; init; } = TaskSort.Default;

    public int PageSize { get; init; } = DefaultPageSize;

    public int Offset { get; init; }

    public TaskSearchCursor? Cursor { get; init; }
}
