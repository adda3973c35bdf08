namespace ModelEngine.HumanTasks.Search;

/// <summary>The task field that a search sorts by. The task id always breaks ties, and empty values sort last.</summary>
public enum TaskSortField
{
    CreatedAt,
    DueAt,
    FollowUpAt,
    Priority,

    /// <summary>The title, ignoring case. The cursor key is the lower-case title.</summary>
    Title,
}
