using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ModelEngine.HumanTasks.Model;
using ModelEngine.Persistence.EntityFrameworkCore.Bookmarks;
using ModelEngine.Persistence.EntityFrameworkCore.HumanTasks;
using ModelEngine.Persistence.EntityFrameworkCore.Journal;
using ModelEngine.Workflows.Persistence;

namespace ModelEngine.Persistence.EntityFrameworkCore.Instances;

/// <summary>
/// Writes a <see cref="WorkflowCommit"/> in one transaction. The stored revision of an updated instance becomes
/// <see cref="WorkflowCommit.ExpectedRevision"/> plus one, and an inserted instance keeps the revision of its summary.
/// </summary>
internal sealed partial class EfWorkflowCommitter : IWorkflowCommitter
{
    private readonly IDbContextFactory<ModelEngineDbContext> _contextFactory;
    private readonly ILogger<EfWorkflowCommitter> _logger;

    public EfWorkflowCommitter(IDbContextFactory<ModelEngineDbContext> contextFactory, ILogger<EfWorkflowCommitter> logger)
    {
        _contextFactory = contextFactory;
        _logger = logger;
    }

    public async Task CommitAsync(WorkflowCommit commit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(commit);
        var instanceId = commit.Summary.Id;
        ThrowIfUnknownChange(commit);

        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        context.ChangeTracker.AutoDetectChangesEnabled = false;

        // Disposing the transaction without committing it rolls back every statement below.
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var revision = await WriteSummaryAsync(context, commit, cancellationToken).ConfigureAwait(false);
            await RemoveBookmarksAsync(context, instanceId, commit.RemovedBookmarkIds, cancellationToken).ConfigureAwait(false);
            await ApplyChangesAsync(context, commit.Changes, cancellationToken).ConfigureAwait(false);
            StageBookmarksAndJournal(context, commit);

            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            Log.CommitWritten(_logger, instanceId, revision, commit.Journal.Count, commit.AddedBookmarks.Count, commit.RemovedBookmarkIds.Count);
        }
        catch (ConcurrencyConflictException exception)
        {
            Log.CommitConflict(_logger, instanceId, exception.Message);
            throw;
        }
        catch (DbUpdateConcurrencyException exception)
        {
            var conflict = new ConcurrencyConflictException(
                $"The commit of instance {instanceId} lost a race: a task it updates changed since it was read. Nothing was written.",
                exception);
            Log.CommitConflict(_logger, instanceId, conflict.Message);
            throw conflict;
        }
        catch (DbUpdateException exception) when (ProviderErrors.IsUniqueViolation(exception))
        {
            var conflict = new ConcurrencyConflictException(
                $"The commit of instance {instanceId} inserts a row that already exists (the instance, a bookmark, a task or a journal sequence number). Nothing was written.",
                exception);
            Log.CommitConflict(_logger, instanceId, conflict.Message);
            throw conflict;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Log.CommitFailed(_logger, exception, instanceId);
            throw;
        }
    }

    private static void ThrowIfUnknownChange(WorkflowCommit commit)
    {
        foreach (var change in commit.Changes)
        {
            if (change is not (HumanTaskCreated or HumanTaskUpdated or HumanTaskClosed))
            {
                throw new InvalidOperationException(
                    $"The commit of instance {commit.Summary.Id} contains a change of type {change?.GetType().FullName ?? "null"}, which the EF Core committer cannot write. Nothing was written.");
            }
        }
    }

    /// <summary>Inserts or updates the summary and state rows and returns the revision now stored.</summary>
    private static async Task<long> WriteSummaryAsync(ModelEngineDbContext context, WorkflowCommit commit, CancellationToken cancellationToken)
    {
        var summary = commit.Summary;
        if (commit.ExpectedRevision is not { } expected)
        {
            context.WorkflowInstances.Add(WorkflowInstanceMapper.ToEntity(summary, summary.Revision));
            context.WorkflowInstanceStates.Add(new WorkflowInstanceStateEntity { Id = summary.Id, StateJson = commit.StateJson });
            return summary.Revision;
        }

        var revision = expected + 1;
        var status = summary.Status;
        var updated = await context.WorkflowInstances
            .Where(e => e.Id == summary.Id && e.Revision == expected)
            .ExecuteUpdateAsync(
                setters => setters
                    .SetProperty(e => e.DefinitionId, summary.DefinitionId)
                    .SetProperty(e => e.DefinitionVersionId, summary.DefinitionVersionId)
                    .SetProperty(e => e.Version, summary.Version)
                    .SetProperty(e => e.Status, status)
                    .SetProperty(e => e.SubStatus, summary.SubStatus)
                    .SetProperty(e => e.CorrelationId, summary.CorrelationId)
                    .SetProperty(e => e.Name, summary.Name)
                    .SetProperty(e => e.Initiator, summary.Initiator)
                    .SetProperty(e => e.IncidentCount, summary.IncidentCount)
                    .SetProperty(e => e.CreatedAt, summary.CreatedAt)
                    .SetProperty(e => e.UpdatedAt, summary.UpdatedAt)
                    .SetProperty(e => e.FinishedAt, summary.FinishedAt)
                    .SetProperty(e => e.Revision, revision),
                cancellationToken)
            .ConfigureAwait(false);

        if (updated == 0)
        {
            throw new ConcurrencyConflictException(
                $"Instance {summary.Id} is not at revision {expected}: it changed since it was loaded, or it does not exist. Nothing was written.");
        }

        var stateJson = commit.StateJson;
        var stateUpdated = await context.WorkflowInstanceStates
            .Where(e => e.Id == summary.Id)
            .ExecuteUpdateAsync(setters => setters.SetProperty(e => e.StateJson, stateJson), cancellationToken)
            .ConfigureAwait(false);
        if (stateUpdated == 0)
        {
            context.WorkflowInstanceStates.Add(new WorkflowInstanceStateEntity { Id = summary.Id, StateJson = stateJson });
        }

        return revision;
    }

    /// <summary>
    /// Deletes the bookmarks and their timer rows. A bookmark that is already gone means another commit consumed it,
    /// which is what makes a second resume of the same bookmark fail.
    /// </summary>
    private static async Task RemoveBookmarksAsync(
        ModelEngineDbContext context, string instanceId, IReadOnlyList<string> bookmarkIds, CancellationToken cancellationToken)
    {
        if (bookmarkIds.Count == 0)
        {
            return;
        }

        var ids = bookmarkIds.Distinct(StringComparer.Ordinal).ToList();
        await context.Timers
            .Where(t => ids.Contains(t.BookmarkId))
            .ExecuteDeleteAsync(cancellationToken)
            .ConfigureAwait(false);
        var deleted = await context.Bookmarks
            .Where(b => b.WorkflowInstanceId == instanceId && ids.Contains(b.Id))
            .ExecuteDeleteAsync(cancellationToken)
            .ConfigureAwait(false);

        if (deleted != ids.Count)
        {
            throw new ConcurrencyConflictException(
                $"Only {deleted} of the {ids.Count} bookmarks that the commit of instance {instanceId} removes still exist ({string.Join(", ", ids)}): another commit consumed the others. Nothing was written.");
        }
    }

    private static async Task ApplyChangesAsync(ModelEngineDbContext context, IReadOnlyList<object> changes, CancellationToken cancellationToken)
    {
        foreach (var change in changes)
        {
            switch (change)
            {
                case HumanTaskCreated created:
                    HumanTaskWriter.AddCreated(context, created.Task);
                    break;
                case HumanTaskUpdated updated:
                    await HumanTaskWriter.StageUpdateAsync(context, updated.Task, updated.ExpectedRevision, cancellationToken).ConfigureAwait(false);
                    break;
                case HumanTaskClosed closed:
                    await HumanTaskWriter.CloseAsync(context, closed, cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    throw new InvalidOperationException($"A change of type {change?.GetType().FullName ?? "null"} cannot be written.");
            }
        }
    }

    private static void StageBookmarksAndJournal(ModelEngineDbContext context, WorkflowCommit commit)
    {
        foreach (var bookmark in commit.AddedBookmarks)
        {
            context.Bookmarks.Add(BookmarkMapper.ToEntity(bookmark));
            if (bookmark.DueAt is { } dueAt)
            {
                context.Timers.Add(BookmarkMapper.ToTimer(bookmark, dueAt));
            }
        }

        foreach (var entry in commit.Journal)
        {
            context.JournalEntries.Add(JournalEntryMapper.ToEntity(entry));
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = PersistenceEventIds.CommitWritten, Level = LogLevel.Trace,
            Message = "Committed instance {WorkflowInstanceId} at revision {Revision}: {JournalCount} journal records, {AddedBookmarkCount} bookmarks added, {RemovedBookmarkCount} removed")]
        public static partial void CommitWritten(
            ILogger logger, string workflowInstanceId, long revision, int journalCount, int addedBookmarkCount, int removedBookmarkCount);

        [LoggerMessage(EventId = PersistenceEventIds.CommitConflict, Level = LogLevel.Debug,
            Message = "Commit of instance {WorkflowInstanceId} rejected: {Reason}")]
        public static partial void CommitConflict(ILogger logger, string workflowInstanceId, string reason);

        [LoggerMessage(EventId = PersistenceEventIds.CommitFailed, Level = LogLevel.Warning,
            Message = "Commit of instance {WorkflowInstanceId} failed and was rolled back")]
        public static partial void CommitFailed(ILogger logger, Exception exception, string workflowInstanceId);
    }
}
