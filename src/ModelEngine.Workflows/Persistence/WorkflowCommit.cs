namespace ModelEngine.Workflows.Persistence;

/// <summary>
/// Everything one execution step changed, written in one transaction: the summary row, the state, bookmarks (and the
/// timers of bookmarks with a due time), journal records, and changes owned by other modules such as human tasks.
/// </summary>
public sealed record WorkflowCommit
{
    public required WorkflowInstanceSummary Summary { get; init; }

    public required string StateJson { get; init; }

    /// <summary>
    /// The revision the instance had when it was loaded, or <see langword="null"/> to insert a new instance. The commit
    /// fails with <see cref="ConcurrencyConflictException"/> when the stored revision differs. The summary's own
    /// revision is this value plus one (1 for a new instance).
    /// </summary>
    public long? ExpectedRevision { get; init; }

    public IReadOnlyList<BookmarkRecord> AddedBookmarks { get; init; } = [];

    public IReadOnlyList<string> RemovedBookmarkIds { get; init; } = [];

    public IReadOnlyList<JournalEntry> Journal { get; init; } = [];

    /// <summary>
    /// Records owned by other modules, such as human-task changes. The committer writes each kind it supports and fails on
    /// any other kind, so that nothing is dropped silently.
    /// </summary>
    public IReadOnlyList<object> Changes { get; init; } = [];

    /// <summary>
    /// New instances that this step started, such as the child of an ExecuteWorkflow activity. Each is inserted in the
    /// same transaction (its <see cref="ExpectedRevision"/> is <see langword="null"/>), so a child is started exactly
    /// when the step that starts it commits: a step that is rolled back and run again starts no second child.
    /// </summary>
    public IReadOnlyList<WorkflowCommit> StartedInstances { get; init; } = [];
}
