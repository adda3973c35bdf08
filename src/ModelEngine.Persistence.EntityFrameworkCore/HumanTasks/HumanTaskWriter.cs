using Microsoft.EntityFrameworkCore;
using ModelEngine.HumanTasks.Model;
using ModelEngine.Workflows.Persistence;

namespace ModelEngine.Persistence.EntityFrameworkCore.HumanTasks;

/// <summary>
/// Applies task changes on a context inside the caller's transaction. Inserts and replacements are staged for the
/// caller's SaveChanges. The statements that each method documents as running now execute at once.
/// </summary>
internal static class HumanTaskWriter
{
    public static void AddCreated(ModelEngineDbContext context, HumanTask task)
    {
        context.HumanTasks.Add(HumanTaskMapper.ToEntity(task, task.Revision));
        context.HumanTaskCandidates.AddRange(HumanTaskMapper.ToCandidates(task));
    }

    /// <summary>
    /// Stages the replacement of a task whose stored revision must be <paramref name="expectedRevision"/>. The read of
    /// the stored row and the deletion of changed candidates run now. SaveChanges then updates the row only while its
    /// revision is still the expected one, and throws <see cref="DbUpdateConcurrencyException"/> otherwise.
    /// </summary>
    public static async Task StageUpdateAsync(
        ModelEngineDbContext context, HumanTask task, long expectedRevision, CancellationToken cancellationToken)
    {
        if (task.Revision != expectedRevision + 1)
        {
            throw new ArgumentException(
                $"Task {task.Id} has revision {task.Revision}, but an update from revision {expectedRevision} must carry revision {expectedRevision + 1}.",
                nameof(task));
        }

        var stored = await context.HumanTasks.AsNoTracking()
            .Where(t => t.Id == task.Id)
            .Select(t => new { t.Revision, t.CandidateUsersJson, t.CandidateGroupsJson })
            .FirstOrDefaultAsync(cancellationToken)
            .ConfigureAwait(false);

        if (stored is null)
        {
            throw new ConcurrencyConflictException($"Task {task.Id} was not found, so it cannot be updated from revision {expectedRevision}.");
        }

        if (stored.Revision != expectedRevision)
        {
            throw new ConcurrencyConflictException(
                $"Task {task.Id} has revision {stored.Revision}, not the expected revision {expectedRevision}. Reload the task and try again.");
        }

        var entity = HumanTaskMapper.ToEntity(task, task.Revision);
        var entry = context.HumanTasks.Attach(entity);
        entry.State = EntityState.Modified;
        entry.Property(e => e.Revision).OriginalValue = expectedRevision;

        var candidatesChanged = stored.CandidateUsersJson != entity.CandidateUsersJson
            || stored.CandidateGroupsJson != entity.CandidateGroupsJson;
        if (candidatesChanged)
        {
            await context.HumanTaskCandidates
                .Where(c => c.TaskId == task.Id)
                .ExecuteDeleteAsync(cancellationToken)
                .ConfigureAwait(false);
            context.HumanTaskCandidates.AddRange(HumanTaskMapper.ToCandidates(task));
        }
    }

    /// <summary>
    /// Moves every task of the activity instance that has not ended to the final status of <paramref name="closed"/>,
    /// now. Returns the number of tasks closed, which is zero when none was open.
    /// </summary>
    public static Task<int> CloseAsync(ModelEngineDbContext context, HumanTaskClosed closed, CancellationToken cancellationToken)
    {
        if (!closed.Status.IsFinal())
        {
            throw new ArgumentException(
                $"HumanTaskClosed for activity instance {closed.ActivityInstanceId} has status {closed.Status}; it must be a final status such as Exited or Obsolete.",
                nameof(closed));
        }

        var nonFinal = HumanTaskQueries.NonFinalStatuses;
        return context.HumanTasks
            .Where(t => t.ActivityInstanceId == closed.ActivityInstanceId && nonFinal.Contains(t.Status))
            .ExecuteUpdateAsync(
                setters => setters
                    .SetProperty(t => t.Status, closed.Status)
                    .SetProperty(t => t.UpdatedAt, closed.At)
                    .SetProperty(t => t.CompletedAt, closed.At)
                    .SetProperty(t => t.Revision, t => t.Revision + 1),
                cancellationToken);
    }

    /// <summary>
    /// Marks the task overdue, now, when it is still open and not yet overdue. Returns the number of tasks changed,
    /// which is zero when the task ended before its due-date timer fired.
    /// </summary>
    public static Task<int> MarkOverdueAsync(ModelEngineDbContext context, HumanTaskOverdue overdue, CancellationToken cancellationToken)
    {
        var nonFinal = HumanTaskQueries.NonFinalStatuses;
        return context.HumanTasks
            .Where(t => t.Id == overdue.TaskId && nonFinal.Contains(t.Status) && t.OverdueAt == null)
            .ExecuteUpdateAsync(
                setters => setters
                    .SetProperty(t => t.OverdueAt, overdue.At)
                    .SetProperty(t => t.UpdatedAt, overdue.At)
                    .SetProperty(t => t.Revision, t => t.Revision + 1),
                cancellationToken);
    }
}
