using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ModelEngine.HumanTasks.Inbox;
using ModelEngine.HumanTasks.Model;
using ModelEngine.Workflows.Messaging;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Security;

namespace ModelEngine.Persistence.EntityFrameworkCore.HumanTasks;

/// <summary>Reads tasks and writes the task changes that do not touch an instance.</summary>
internal sealed partial class EfHumanTaskStore : IHumanTaskStore
{
    private readonly IDbContextFactory<ModelEngineDbContext> _contextFactory;
    private readonly WriteLock _writeLock;
    private readonly IOutboxSignal _outboxSignal;
    private readonly ILogger<EfHumanTaskStore> _logger;

    public EfHumanTaskStore(
        IDbContextFactory<ModelEngineDbContext> contextFactory, WriteLock writeLock, IOutboxSignal outboxSignal, ILogger<EfHumanTaskStore> logger)
    {
        _contextFactory = contextFactory;
        _writeLock = writeLock;
        _outboxSignal = outboxSignal;
        _logger = logger;
    }

    public async Task<HumanTask?> FindAsync(string taskId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(taskId);
        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var entity = await context.HumanTasks.AsNoTracking()
            .FirstOrDefaultAsync(t => t.Id == taskId, cancellationToken)
            .ConfigureAwait(false);
        return entity is null ? null : HumanTaskMapper.ToTask(entity);
    }

    public async Task<Page<HumanTask>> ListInboxAsync(UserIdentity user, PageRequest page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);

        var openStatuses = HumanTaskQueries.OpenStatuses;
        var rows = context.HumanTasks.AsNoTracking().Where(t => openStatuses.Contains(t.Status));
        if (!user.IsAdmin)
        {
            rows = rows.HeldOrCandidate(context, user);
        }

        var (skip, take) = page.ToSkipTake();
        var totalCount = await rows.LongCountAsync(cancellationToken).ConfigureAwait(false);
        var entities = await rows
            .OrderByDescending(t => t.Priority)
            .ThenBy(t => t.CreatedAt)
            .ThenBy(t => t.Id)
            .Skip(skip)
            .Take(take)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        return new Page<HumanTask>(entities.ConvertAll(HumanTaskMapper.ToTask), totalCount);
    }

    public async Task<IReadOnlyList<HumanTask>> ListByInstanceAsync(string workflowInstanceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workflowInstanceId);
        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var entities = await context.HumanTasks.AsNoTracking()
            .Where(t => t.WorkflowInstanceId == workflowInstanceId)
            .OrderBy(t => t.CreatedAt)
            .ThenBy(t => t.Id)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        return entities.ConvertAll(HumanTaskMapper.ToTask);
    }

    public async Task<IReadOnlyList<HumanTask>> ListByActivityInstanceAsync(string activityInstanceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activityInstanceId);
        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var entities = await context.HumanTasks.AsNoTracking()
            .Where(t => t.ActivityInstanceId == activityInstanceId)
            .OrderBy(t => t.CreatedAt)
            .ThenBy(t => t.Id)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        return entities.ConvertAll(HumanTaskMapper.ToTask);
    }

    public async Task<IReadOnlyList<HumanTaskHistoryEntry>> GetHistoryAsync(string taskId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(taskId);
        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var entities = await context.HumanTaskHistory.AsNoTracking()
            .Where(h => h.TaskId == taskId)
            .OrderBy(h => h.At)
            .ThenBy(h => h.Id)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        return entities.ConvertAll(HumanTaskDetailMapper.ToEntry);
    }

    public async Task<IReadOnlyList<HumanTaskComment>> ListCommentsAsync(string taskId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(taskId);
        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var entities = await context.HumanTaskComments.AsNoTracking()
            .Where(c => c.TaskId == taskId)
            .OrderBy(c => c.CreatedAt)
            .ThenBy(c => c.Id)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        return entities.ConvertAll(HumanTaskDetailMapper.ToComment);
    }

    public async Task<IReadOnlyList<HumanTaskAttachment>> ListAttachmentsAsync(string taskId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(taskId);
        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = await context.HumanTaskAttachments.AsNoTracking()
            .Where(a => a.TaskId == taskId)
            .OrderBy(a => a.CreatedAt)
            .ThenBy(a => a.Id)
            .Select(a => new HumanTaskAttachment
            {
                Id = a.Id,
                TaskId = a.TaskId,
                FileName = a.FileName,
                ContentType = a.ContentType,
                Size = a.Size,
                UploadedBy = a.UploadedBy,
                OnBehalfOf = a.OnBehalfOf,
                CreatedAt = a.CreatedAt,
            })
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        return rows;
    }

    public async Task<HumanTaskAttachment?> FindAttachmentAsync(string taskId, string attachmentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(taskId);
        ArgumentNullException.ThrowIfNull(attachmentId);
        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var entity = await context.HumanTaskAttachments.AsNoTracking()
            .FirstOrDefaultAsync(a => a.TaskId == taskId && a.Id == attachmentId, cancellationToken)
            .ConfigureAwait(false);
        return entity is null ? null : HumanTaskDetailMapper.ToAttachment(entity, withContent: true);
    }

    /// <summary>
    /// Replaces a task in its own transaction, with <paramref name="changes"/>. The task must carry its expected revision
    /// plus one, as <see cref="HumanTaskUpdated"/> requires.
    /// </summary>
    public async Task UpdateAsync(HumanTaskUpdated update, IReadOnlyList<object>? changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        var task = update.Task;
        var expectedRevision = update.ExpectedRevision;
        using var writeTurn = await _writeLock.EnterAsync(cancellationToken).ConfigureAwait(false);
        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        context.Database.AutoSavepointsEnabled = false;
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await HumanTaskWriter.StageUpdateAsync(context, update, cancellationToken).ConfigureAwait(false);
            foreach (var change in changes ?? [])
            {
                if (!HumanTaskWriter.TryStage(context, change))
                {
                    throw new ArgumentException($"A task update cannot write a change of type {change?.GetType().FullName ?? "null"}.", nameof(changes));
                }
            }

            var wakeRelay = HumanTaskWriter.HasTaskEvents(context);
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            if (wakeRelay)
            {
                _outboxSignal.Notify();
            }
        }
        catch (ConcurrencyConflictException exception)
        {
            Log.TaskUpdateConflict(_logger, task.Id, task.WorkflowInstanceId, exception.Message);
            throw;
        }
        catch (DbUpdateConcurrencyException exception)
        {
            var conflict = new ConcurrencyConflictException(
                $"Task {task.Id} changed after revision {expectedRevision} was read. Reload the task and try again.", exception);
            Log.TaskUpdateConflict(_logger, task.Id, task.WorkflowInstanceId, conflict.Message);
            throw conflict;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = PersistenceEventIds.TaskUpdateConflict, Level = LogLevel.Debug,
            Message = "Update of task {TaskId} of instance {WorkflowInstanceId} rejected: {Reason}")]
        public static partial void TaskUpdateConflict(ILogger logger, string taskId, string workflowInstanceId, string reason);
    }
}
