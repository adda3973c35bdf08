using Microsoft.EntityFrameworkCore;

namespace ModelEngine.Persistence.EntityFrameworkCore.Instances;

/// <summary>Deletes an instance and every row that belongs to it.</summary>
internal sealed partial class EfWorkflowCommitter
{
    public async Task<bool> DeleteInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        using var writeTurn = await _writeLock.EnterAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        // The foreign keys cascade from the instance row, but each table is deleted explicitly so that the result does
        // not depend on a provider enforcing them. Children go first, so that no statement violates a key.
        var taskIds = context.HumanTasks.Where(t => t.WorkflowInstanceId == instanceId).Select(t => t.Id);
        await context.HumanTaskCandidates.Where(c => taskIds.Contains(c.TaskId)).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await context.HumanTaskVariables.Where(v => taskIds.Contains(v.TaskId)).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        var tasks = await context.HumanTasks.Where(t => t.WorkflowInstanceId == instanceId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await context.Timers.Where(t => t.WorkflowInstanceId == instanceId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        var bookmarks = await context.Bookmarks.Where(b => b.WorkflowInstanceId == instanceId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await context.ConsumedMessages.Where(c => c.WorkflowInstanceId == instanceId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        var journal = await context.JournalEntries.Where(j => j.WorkflowInstanceId == instanceId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await context.WorkflowInstanceStates.Where(s => s.Id == instanceId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        var instances = await context.WorkflowInstances.Where(i => i.Id == instanceId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        if (instances == 0)
        {
            await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
            return false;
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        Log.InstanceDeleted(_logger, instanceId, tasks, bookmarks, journal);
        return true;
    }
}
