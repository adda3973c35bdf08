using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ModelEngine.HumanTasks.Inbox;
using ModelEngine.HumanTasks.Model;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Security;

namespace ModelEngine.Persistence.EntityFrameworkCore.HumanTasks;

/// <summary>Reads tasks and writes the task changes that do not touch an instance.</summary>
internal sealed partial class EfHumanTaskStore : IHumanTaskStore
{
    private readonly IDbContextFactory<ModelEngineDbContext> _contextFactory;
    private readonly WriteLock _writeLock;
    private readonly ILogger<EfHumanTaskStore> _logger;

    public EfHumanTaskStore(IDbContextFactory<ModelEngineDbContext> contextFactory, WriteLock writeLock, ILogger<EfHumanTaskStore> logger)
    {
        _contextFactory = contextFactory;
        _writeLock = writeLock;
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

    /// <summary>
    /// Replaces a task in its own transaction. <paramref name="task"/> must carry revision
    /// <paramref name="expectedRevision"/> plus one, as <see cref="HumanTaskUpdated"/> requires.
    /// </summary>
    public async Task UpdateAsync(HumanTask task, long expectedRevision, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        using var writeTurn = await _writeLock.EnterAsync(cancellationToken).ConfigureAwait(false);
        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        context.Database.AutoSavepointsEnabled = false;
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await HumanTaskWriter.StageUpdateAsync(context, task, expectedRevision, cancellationToken).ConfigureAwait(false);
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
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
