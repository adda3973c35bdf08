using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Workflows.Persistence.InMemory;

/// <summary>
/// Keeps definitions, instances, bookmarks, timers, journal records and outbox messages in memory, with the same commit rules as the
/// database stores. It serves tests, benchmarks and embedding without a database; its data is lost on exit.
/// </summary>
public sealed partial class InMemoryWorkflowStore : IWorkflowDefinitionStore, IWorkflowInstanceStore, IWorkflowCommitter, IDurableTimerStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, WorkflowDefinitionRecord> _definitions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, WorkflowInstanceSnapshot> _instances = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BookmarkRecord> _bookmarks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (DurableTimer Timer, DateTimeOffset? ClaimedUntil)> _timers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<JournalEntry>> _journal = new(StringComparer.Ordinal);
    private readonly IReadOnlyList<ICommitChangeHandler> _changeHandlers;

    public InMemoryWorkflowStore(IEnumerable<ICommitChangeHandler> changeHandlers)
    {
        _changeHandlers = changeHandlers.ToList();
    }

    public Task<WorkflowDefinitionRecord?> FindByIdAsync(string id, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_definitions.GetValueOrDefault(id));
        }
    }

    public Task<WorkflowDefinitionRecord?> FindLatestAsync(string definitionId, CancellationToken cancellationToken = default) =>
        FindDefinition(record => record.DefinitionId == definitionId && record.IsLatest);

    public Task<WorkflowDefinitionRecord?> FindPublishedAsync(string definitionId, CancellationToken cancellationToken = default) =>
        FindDefinition(record => record.DefinitionId == definitionId && record.IsPublished);

    public Task<WorkflowDefinitionRecord?> FindVersionAsync(string definitionId, int version, CancellationToken cancellationToken = default) =>
        FindDefinition(record => record.DefinitionId == definitionId && record.Version == version);

    public Task<Page<WorkflowDefinitionSummary>> ListAsync(DefinitionListQuery query, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var matches = _definitions.Values
                .Where(record => query.PublishedOnly ? record.IsPublished : record.IsLatest)
                .Where(record => query.SearchTerm is null || (record.Name ?? record.DefinitionId).Contains(query.SearchTerm, StringComparison.OrdinalIgnoreCase))
                .OrderBy(record => record.Name ?? record.DefinitionId, StringComparer.OrdinalIgnoreCase)
                .ToList();
            var items = matches.Skip(query.Page.Skip).Take(query.Page.PageSize)
                .Select(record => record.ToSummary())
                .ToList();
            return Task.FromResult(new Page<WorkflowDefinitionSummary>(items, matches.Count));
        }
    }

    public Task<Page<WorkflowDefinitionSummary>> ListVersionsAsync(string definitionId, PageRequest page, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var versions = _definitions.Values
                .Where(record => record.DefinitionId == definitionId)
                .OrderByDescending(record => record.Version)
                .ToList();
            var items = versions.Skip(page.Skip).Take(page.PageSize).Select(record => record.ToSummary()).ToList();
            return Task.FromResult(new Page<WorkflowDefinitionSummary>(items, versions.Count));
        }
    }

    public Task<int> DeleteAsync(string definitionId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var ids = _definitions.Values.Where(record => record.DefinitionId == definitionId).Select(record => record.Id).ToList();
            foreach (var id in ids)
            {
                _definitions.Remove(id);
            }

            return Task.FromResult(ids.Count);
        }
    }

    public Task SaveAsync(IReadOnlyList<WorkflowDefinitionRecord> records, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            foreach (var record in records)
            {
                _definitions[record.Id] = record;
            }
        }

        return Task.CompletedTask;
    }

    public Task<WorkflowInstanceSnapshot?> LoadAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_instances.GetValueOrDefault(instanceId));
        }
    }

    public Task<WorkflowInstanceSummary?> FindSummaryAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_instances.GetValueOrDefault(instanceId)?.Summary);
        }
    }

    public Task<Page<WorkflowInstanceSummary>> ListAsync(InstanceListQuery query, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var matches = _instances.Values.Select(snapshot => snapshot.Summary)
                .Where(summary => query.DefinitionId is null || summary.DefinitionId == query.DefinitionId)
                .Where(summary => query.Status is null || summary.Status == query.Status)
                .Where(summary => query.SubStatus is null || summary.SubStatus == query.SubStatus)
                .Where(summary => query.CorrelationId is null || summary.CorrelationId == query.CorrelationId)
                .Where(summary => query.Initiator is null || summary.Initiator == query.Initiator)
                .Where(summary => query.VisibleTo is null || query.VisibleTo.IsAdmin || query.VisibleTo.IsDesigner || summary.Initiator == query.VisibleTo.Name)
                .OrderByDescending(summary => summary.CreatedAt)
                .ThenByDescending(summary => summary.Id, StringComparer.Ordinal)
                .ToList();
            var page = query.After is { } after
                ? matches.Where(summary => IsAfter(summary, after)).Take(query.Page.PageSize)
                : matches.Skip(query.Page.Skip).Take(query.Page.PageSize);
            return Task.FromResult(new Page<WorkflowInstanceSummary>(page.ToList(), matches.Count));
        }
    }

    public Task<IReadOnlyList<string>> ListRecoverableAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<string> ids = _instances.Values
                .Where(snapshot => snapshot.Summary.SubStatus is WorkflowSubStatus.Pending or WorkflowSubStatus.Executing)
                .Select(snapshot => snapshot.Summary.Id)
                .ToList();
            return Task.FromResult(ids);
        }
    }

    public Task<IReadOnlyList<string>> ListFinishedBeforeAsync(DateTimeOffset finishedBefore, int maxCount, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<string> ids = _instances.Values
                .Select(snapshot => snapshot.Summary)
                .Where(summary => summary.Status == WorkflowStatus.Finished && summary.FinishedAt < finishedBefore)
                .OrderBy(summary => summary.FinishedAt)
                .Take(maxCount)
                .Select(summary => summary.Id)
                .ToList();
            return Task.FromResult(ids);
        }
    }

    public Task<Page<JournalEntry>> GetJournalAsync(string instanceId, PageRequest page, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var entries = _journal.GetValueOrDefault(instanceId) ?? [];
            return Task.FromResult(new Page<JournalEntry>(entries.Skip(page.Skip).Take(page.PageSize).ToList(), entries.Count));
        }
    }

    public Task<BookmarkRecord?> FindBookmarkAsync(string bookmarkId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_bookmarks.GetValueOrDefault(bookmarkId));
        }
    }

    public Task<IReadOnlyList<BookmarkRecord>> ListBookmarksAsync(string name, string? instanceId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<BookmarkRecord> matches = _bookmarks.Values
                .Where(bookmark => bookmark.Name == name && (instanceId is null || bookmark.WorkflowInstanceId == instanceId))
                .OrderBy(bookmark => bookmark.CreatedAt)
                .ToList();
            return Task.FromResult(matches);
        }
    }

    public Task CommitAsync(WorkflowCommit commit, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            Validate(commit);
            foreach (var started in commit.StartedInstances)
            {
                Validate(started);
            }

            Apply(commit);
            foreach (var started in commit.StartedInstances)
            {
                Apply(started);
            }
        }

        return Task.CompletedTask;
    }

    public Task<bool> DeleteInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_instances.Remove(instanceId))
            {
                return Task.FromResult(false);
            }

            foreach (var bookmark in _bookmarks.Values.Where(bookmark => bookmark.WorkflowInstanceId == instanceId).ToList())
            {
                _bookmarks.Remove(bookmark.Id);
            }

            foreach (var (timerId, _) in _timers.Where(entry => entry.Value.Timer.WorkflowInstanceId == instanceId).ToList())
            {
                _timers.Remove(timerId);
            }

            _journal.Remove(instanceId);
            RemoveConsumedMessages(instanceId);
            foreach (var handler in _changeHandlers)
            {
                handler.RemoveInstance(instanceId);
            }

            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<DurableTimer>> ListDueAsync(DateTimeOffset dueBefore, int maxCount, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<DurableTimer> due = _timers.Values
                .Where(entry => entry.Timer.DueAt <= dueBefore && (entry.ClaimedUntil is null || entry.ClaimedUntil < dueBefore))
                .Select(entry => entry.Timer)
                .OrderBy(timer => timer.DueAt)
                .Take(maxCount)
                .ToList();
            return Task.FromResult(due);
        }
    }

    public Task<bool> TryClaimAsync(string timerId, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_timers.TryGetValue(timerId, out var entry) || entry.ClaimedUntil > now)
            {
                return Task.FromResult(false);
            }

            _timers[timerId] = (entry.Timer, now + lease);
            return Task.FromResult(true);
        }
    }

    private void Validate(WorkflowCommit commit)
    {
        var stored = _instances.GetValueOrDefault(commit.Summary.Id);
        if (commit.ExpectedRevision is null ? stored is not null : stored?.Summary.Revision != commit.ExpectedRevision)
        {
            throw new ConcurrencyConflictException($"Workflow instance '{commit.Summary.Id}' changed since it was loaded (expected revision {commit.ExpectedRevision}, found {stored?.Summary.Revision}).");
        }

        foreach (var bookmarkId in commit.RemovedBookmarkIds)
        {
            if (!_bookmarks.ContainsKey(bookmarkId))
            {
                throw new ConcurrencyConflictException($"Bookmark '{bookmarkId}' of workflow instance '{commit.Summary.Id}' was already consumed.");
            }
        }

        foreach (var change in commit.Changes)
        {
            if (ValidateMessageChange(change))
            {
                continue;
            }

            var handler = _changeHandlers.FirstOrDefault(candidate => candidate.CanApply(change))
                ?? throw new InvalidOperationException($"No store handles commit changes of type '{change.GetType().FullName}'.");
            handler.Validate(change);
        }
    }

    private void Apply(WorkflowCommit commit)
    {
        _instances[commit.Summary.Id] = new WorkflowInstanceSnapshot(commit.Summary, commit.StateJson);
        foreach (var bookmarkId in commit.RemovedBookmarkIds)
        {
            _bookmarks.Remove(bookmarkId);
            _timers.Remove(bookmarkId);
        }

        foreach (var bookmark in commit.AddedBookmarks)
        {
            _bookmarks[bookmark.Id] = bookmark;
            if (bookmark.DueAt is { } dueAt)
            {
                _timers[bookmark.Id] = (new DurableTimer(bookmark.Id, bookmark.WorkflowInstanceId, bookmark.Id, dueAt), null);
            }
        }

        if (commit.Journal.Count > 0)
        {
            if (!_journal.TryGetValue(commit.Summary.Id, out var entries))
            {
                entries = [];
                _journal[commit.Summary.Id] = entries;
            }

            entries.AddRange(commit.Journal);
        }

        foreach (var change in commit.Changes)
        {
            if (!ApplyMessageChange(change))
            {
                _changeHandlers.First(candidate => candidate.CanApply(change)).Apply(change);
            }
        }
    }

    /// <summary>Returns whether an instance comes after the cursor in the newest-first order of the instance list.</summary>
    private static bool IsAfter(WorkflowInstanceSummary summary, InstanceCursor after) =>
        summary.CreatedAt < after.CreatedAt
        || (summary.CreatedAt == after.CreatedAt && string.CompareOrdinal(summary.Id, after.Id) < 0);

    private Task<WorkflowDefinitionRecord?> FindDefinition(Func<WorkflowDefinitionRecord, bool> predicate)
    {
        lock (_gate)
        {
            return Task.FromResult(_definitions.Values.FirstOrDefault(predicate));
        }
    }
}
