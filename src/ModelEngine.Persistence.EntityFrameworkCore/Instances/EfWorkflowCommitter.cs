using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ModelEngine.HumanTasks.Model;
using ModelEngine.Persistence.EntityFrameworkCore.Bookmarks;
using ModelEngine.Persistence.EntityFrameworkCore.HumanTasks;
using ModelEngine.Persistence.EntityFrameworkCore.Idempotency;
using ModelEngine.Persistence.EntityFrameworkCore.Journal;
using ModelEngine.Workflows.Idempotency;
using ModelEngine.Persistence.EntityFrameworkCore.Messaging;
using ModelEngine.Workflows.Messaging;
using ModelEngine.Workflows.Persistence;

namespace ModelEngine.Persistence.EntityFrameworkCore.Instances;

/// <summary>
/// Writes a <see cref="WorkflowCommit"/> in one transaction. The stored revision of an updated instance becomes
/// <see cref="WorkflowCommit.ExpectedRevision"/> plus one, and an inserted instance keeps the revision of its summary.
/// </summary>
internal sealed partial class EfWorkflowCommitter : IWorkflowCommitter
{
    private readonly IDbContextFactory<ModelEngineDbContext> _contextFactory;
    private readonly WriteLock _writeLock;
    private readonly IOutboxSignal _outboxSignal;
    private readonly ILogger<EfWorkflowCommitter> _logger;

    public EfWorkflowCommitter(
        IDbContextFactory<ModelEngineDbContext> contextFactory, WriteLock writeLock, IOutboxSignal outboxSignal, ILogger<EfWorkflowCommitter> logger)
    {
        _contextFactory = contextFactory;
        _writeLock = writeLock;
        _outboxSignal = outboxSignal;
        _logger = logger;
    }

    public async Task CommitAsync(WorkflowCommit commit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(commit);
        var instanceId = commit.Summary.Id;
        ThrowIfUnknownChange(commit);

        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        context.ChangeTracker.AutoDetectChangesEnabled = false;

        // SaveChanges inside this transaction needs no savepoint of its own: any failure rolls back everything.
        context.Database.AutoSavepointsEnabled = false;

        // Staging touches no row, so it runs before the write turn and overlaps with another writer's transaction.
        var revision = StageSummary(context, commit);
        StageBookmarksAndJournal(context, commit);
        foreach (var started in commit.StartedInstances)
        {
            StageSummary(context, started);
            StageBookmarksAndJournal(context, started);
        }

        // Disposing the transaction without committing it rolls back every statement below, before the turn ends.
        using var writeTurn = await _writeLock.EnterAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await RemoveBookmarksAsync(context, instanceId, commit.RemovedBookmarkIds, cancellationToken).ConfigureAwait(false);
            await ApplyChangesAsync(context, commit.Changes, cancellationToken).ConfigureAwait(false);

            // The runtime wakes the relay for the OutboxMessage changes of a step. Task events become outbox rows only here.
            var wakeRelay = HumanTaskWriter.HasTaskEvents(context);
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            if (wakeRelay)
            {
                _outboxSignal.Notify();
            }

            Log.CommitWritten(_logger, instanceId, revision, commit.Journal.Count, commit.AddedBookmarks.Count, commit.RemovedBookmarkIds.Count);
        }
        catch (ConcurrencyConflictException exception)
        {
            Log.CommitConflict(_logger, instanceId, exception.Message);
            throw;
        }
        catch (DbUpdateConcurrencyException exception)
        {
            var conflict = new ConcurrencyConflictException(DescribeConflict(commit, exception), exception);
            Log.CommitConflict(_logger, instanceId, conflict.Message);
            throw conflict;
        }
        catch (DbUpdateException exception) when (ProviderErrors.IsUniqueViolation(exception))
        {
            var conflict = new ConcurrencyConflictException(
                $"The commit of instance {instanceId} inserts a row that already exists (the instance, a bookmark, a task, a journal sequence number, an idempotency key, an outbox message or a consumed message). Nothing was written.",
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

    private static string DescribeConflict(WorkflowCommit commit, DbUpdateConcurrencyException exception)
    {
        var instanceId = commit.Summary.Id;
        return exception.Entries.Select(entry => entry.Entity).FirstOrDefault() switch
        {
            WorkflowInstanceEntity => $"Instance {instanceId} is not at revision {commit.ExpectedRevision}: it changed since it was loaded, or it does not exist. Nothing was written.",
            WorkflowInstanceStateEntity => $"Instance {instanceId} has no state row to update. Nothing was written.",
            HumanTaskEntity task => $"Task {task.Id} of instance {instanceId} changed since it was read. Nothing was written.",
            _ => $"The commit of instance {instanceId} lost a race: a row it updates changed since it was read. Nothing was written.",
        };
    }

    private static void ThrowIfUnknownChange(WorkflowCommit commit)
    {
        foreach (var started in commit.StartedInstances)
        {
            if (started.ExpectedRevision is not null || started.Changes.Count > 0 || started.RemovedBookmarkIds.Count > 0 || started.StartedInstances.Count > 0)
            {
                throw new InvalidOperationException(
                    $"The commit of instance {commit.Summary.Id} starts instance {started.Summary.Id} with an expected revision, changes or removed bookmarks; a started instance can only be inserted. Nothing was written.");
            }
        }

        foreach (var change in commit.Changes)
        {
            if (!HumanTaskWriter.IsTaskChange(change) && change is not (IdempotencyRecord or OutboxMessage or ConsumedMessage))
            {
                throw new InvalidOperationException(
                    $"The commit of instance {commit.Summary.Id} contains a change of type {change?.GetType().FullName ?? "null"}, which the EF Core committer cannot write. Nothing was written.");
            }
        }
    }

    /// <summary>
    /// Stages the insert or the update of the summary and state rows, and returns the revision they will store.
    /// Tracked updates cost less than ExecuteUpdateAsync, which runs the LINQ pipeline on each call.
    /// </summary>
    private static long StageSummary(ModelEngineDbContext context, WorkflowCommit commit)
    {
        var summary = commit.Summary;
        if (commit.ExpectedRevision is not { } expected)
        {
            context.WorkflowInstances.Add(WorkflowInstanceMapper.ToEntity(summary, summary.Revision));
            context.WorkflowInstanceStates.Add(new WorkflowInstanceStateEntity { Id = summary.Id, StateJson = commit.StateJson });
            return summary.Revision;
        }

        // The update carries "WHERE Id = @id AND Revision = @expected", because Revision is the concurrency token. SaveChanges
        // throws DbUpdateConcurrencyException when it matches no row.
        var revision = expected + 1;
        var instance = context.WorkflowInstances.Attach(WorkflowInstanceMapper.ToEntity(summary, revision));
        instance.State = EntityState.Modified;
        instance.Property(e => e.Revision).OriginalValue = expected;

        // The state row was inserted with the summary, so updating it is the upsert. An update that matches no row
        // also ends in DbUpdateConcurrencyException.
        var state = context.WorkflowInstanceStates.Attach(new WorkflowInstanceStateEntity { Id = summary.Id, StateJson = commit.StateJson });
        state.Property(e => e.StateJson).IsModified = true;

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
                    await HumanTaskWriter.StageUpdateAsync(context, updated, cancellationToken).ConfigureAwait(false);
                    break;
                case HumanTaskClosed closed:
                    await HumanTaskWriter.CloseAsync(context, closed, cancellationToken).ConfigureAwait(false);
                    break;
                case HumanTaskOverdue overdue:
                    await HumanTaskWriter.MarkOverdueAsync(context, overdue, cancellationToken).ConfigureAwait(false);
                    break;
                case IdempotencyRecord record:
                    // A key that a repeat of the same request stored first fails the whole commit on the primary key.
                    context.IdempotencyKeys.Add(IdempotencyKeyMapper.ToEntity(record));
                    break;
                case OutboxMessage message:
                    context.OutboxMessages.Add(OutboxMessageMapper.ToEntity(message));
                    break;
                case ConsumedMessage consumed:
                    // The key (message id, instance id) makes a repeated delivery fail here as a unique violation.
                    context.ConsumedMessages.Add(OutboxMessageMapper.ToEntity(consumed));
                    break;
                default:
                    if (!HumanTaskWriter.TryStage(context, change))
                    {
                        throw new InvalidOperationException($"A change of type {change?.GetType().FullName ?? "null"} cannot be written.");
                    }

                    break;
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

        [LoggerMessage(EventId = PersistenceEventIds.InstanceDeleted, Level = LogLevel.Debug,
            Message = "Deleted instance {WorkflowInstanceId} with {TaskCount} tasks, {BookmarkCount} bookmarks and {JournalCount} journal records")]
        public static partial void InstanceDeleted(ILogger logger, string workflowInstanceId, int taskCount, int bookmarkCount, int journalCount);
    }
}
