namespace ModelEngine.Workflows.Persistence;

/// <summary>Reads instances, their journal and their bookmarks. All writes go through <see cref="IWorkflowCommitter"/>.</summary>
public interface IWorkflowInstanceStore
{
    Task<WorkflowInstanceSnapshot?> LoadAsync(string instanceId, CancellationToken cancellationToken = default);

    Task<WorkflowInstanceSummary?> FindSummaryAsync(string instanceId, CancellationToken cancellationToken = default);

    Task<Page<WorkflowInstanceSummary>> ListAsync(InstanceListQuery query, CancellationToken cancellationToken = default);

    /// <summary>Returns the ids of instances left Pending or Executing, which start-up recovery runs again.</summary>
    Task<IReadOnlyList<string>> ListRecoverableAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Returns the ids of up to <paramref name="maxCount"/> Finished instances whose FinishedAt is before
    /// <paramref name="finishedBefore"/>, oldest first. The retention job deletes them.
    /// </summary>
    Task<IReadOnlyList<string>> ListFinishedBeforeAsync(DateTimeOffset finishedBefore, int maxCount, CancellationToken cancellationToken = default);

    Task<Page<JournalEntry>> GetJournalAsync(string instanceId, PageRequest page, CancellationToken cancellationToken = default);

    Task<BookmarkRecord?> FindBookmarkAsync(string bookmarkId, CancellationToken cancellationToken = default);

    /// <summary>Lists bookmarks by activity type name, optionally for one instance, oldest first.</summary>
    Task<IReadOnlyList<BookmarkRecord>> ListBookmarksAsync(string name, string? instanceId, CancellationToken cancellationToken = default);
}
