using Microsoft.EntityFrameworkCore;
using ModelEngine.HumanTasks.Model;
using ModelEngine.HumanTasks.Notifications;
using ModelEngine.HumanTasks.Search;
using ModelEngine.Persistence.EntityFrameworkCore.Messaging;
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
    public static async Task StageUpdateAsync(ModelEngineDbContext context, HumanTaskUpdated update, CancellationToken cancellationToken)
    {
        var task = update.Task;
        var expectedRevision = update.ExpectedRevision;
        if (task.Revision != expectedRevision + 1)
        {
            throw new ArgumentException(
                $"Task {task.Id} has revision {task.Revision}, but an update from revision {expectedRevision} must carry revision {expectedRevision + 1}.",
                nameof(update));
        }

        // The update itself matches the expected revision, so a row read by the caller at that revision needs no second read.
        var stored = update.Previous is { } previous && previous.Id == task.Id && previous.Revision == expectedRevision
            ? new StoredTask(previous.Revision, previous.Status, HumanTaskMapper.FormatList(previous.CandidateUsers),
                HumanTaskMapper.FormatList(previous.CandidateGroups), HumanTaskMapper.FormatList(previous.BusinessAdministrators))
            : await context.HumanTasks.AsNoTracking()
                .Where(t => t.Id == task.Id)
                .Select(t => new StoredTask(t.Revision, t.Status, t.CandidateUsersJson, t.CandidateGroupsJson, t.BusinessAdministratorsJson))
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
            || stored.CandidateGroupsJson != entity.CandidateGroupsJson
            || stored.BusinessAdministratorsJson != entity.BusinessAdministratorsJson;
        if (candidatesChanged)
        {
            await context.HumanTaskCandidates
                .Where(c => c.TaskId == task.Id)
                .ExecuteDeleteAsync(cancellationToken)
                .ConfigureAwait(false);
            context.HumanTaskCandidates.AddRange(HumanTaskMapper.ToCandidates(task));
        }
        else if (stored.Status.IsOpen() != task.Status.IsOpen())
        {
            await SetCandidatesInactiveAsync(context, [task.Id], !task.Status.IsOpen(), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Copies whether tasks are not open to their candidate and variable rows, now.</summary>
    private static async Task SetCandidatesInactiveAsync(ModelEngineDbContext context, List<string> taskIds, bool isInactive, CancellationToken cancellationToken)
    {
        await context.HumanTaskCandidates
            .Where(c => taskIds.Contains(c.TaskId) && c.IsInactive != isInactive)
            .ExecuteUpdateAsync(setters => setters.SetProperty(c => c.IsInactive, isInactive), cancellationToken)
            .ConfigureAwait(false);
        await context.HumanTaskVariables
            .Where(v => taskIds.Contains(v.TaskId) && v.IsInactive != isInactive)
            .ExecuteUpdateAsync(setters => setters.SetProperty(v => v.IsInactive, isInactive), cancellationToken)
            .ConfigureAwait(false);
    }

    private sealed record StoredTask(long Revision, HumanTaskStatus Status, string CandidateUsersJson, string CandidateGroupsJson, string BusinessAdministratorsJson);

    /// <summary>
    /// Moves every task of the activity instance that has not ended, except <see cref="HumanTaskClosed.ExceptTaskIds"/>,
    /// to the final status of <paramref name="closed"/>, now, and stages a history entry and an event for each. Returns
    /// the number of tasks closed, which is zero when none was open.
    /// </summary>
    public static async Task<int> CloseAsync(ModelEngineDbContext context, HumanTaskClosed closed, CancellationToken cancellationToken)
    {
        if (!closed.Status.IsFinal())
        {
            throw new ArgumentException(
                $"HumanTaskClosed for activity instance {closed.ActivityInstanceId} has status {closed.Status}; it must be a final status such as Exited or Obsolete.",
                nameof(closed));
        }

        var nonFinal = HumanTaskQueries.NonFinalStatuses;
        var except = closed.ExceptTaskIds.ToList();
        var open = context.HumanTasks
            .Where(t => t.ActivityInstanceId == closed.ActivityInstanceId && nonFinal.Contains(t.Status) && !except.Contains(t.Id));
        var tasks = await open.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
        if (tasks.Count == 0)
        {
            return 0;
        }

        var ids = tasks.ConvertAll(t => t.Id);
        var count = await context.HumanTasks
            .Where(t => ids.Contains(t.Id) && nonFinal.Contains(t.Status))
            .ExecuteUpdateAsync(
                setters => setters
                    .SetProperty(t => t.Status, closed.Status)
                    .SetProperty(t => t.UpdatedAt, closed.At)
                    .SetProperty(t => t.CompletedAt, closed.At)
                    .SetProperty(t => t.Revision, t => t.Revision + 1),
                cancellationToken)
            .ConfigureAwait(false);
        await SetCandidatesInactiveAsync(context, ids, isInactive: true, cancellationToken).ConfigureAwait(false);

        foreach (var entity in tasks)
        {
            var task = HumanTaskMapper.ToTask(entity);
            var ended = task with { Status = closed.Status, UpdatedAt = closed.At, CompletedAt = closed.At, Revision = task.Revision + 1 };
            AddHistory(context, HumanTaskHistory.ForClose(task, closed));
            AddEvent(context, HumanTaskHistory.EventForClose(ended, task.Assignee, closed));
        }

        return count;
    }

    /// <summary>
    /// Stages a task change other than the task row itself: a history entry, an event, a comment, an attachment or the
    /// variables captured at creation.
    /// Returns <see langword="false"/> for any other change, which the caller handles.
    /// </summary>
    public static bool TryStage(ModelEngineDbContext context, object change)
    {
        switch (change)
        {
            case HumanTaskHistoryEntry entry:
                AddHistory(context, entry);
                return true;
            case HumanTaskEvent taskEvent:
                AddEvent(context, taskEvent);
                return true;
            case HumanTaskComment comment:
                context.HumanTaskComments.Add(HumanTaskDetailMapper.ToEntity(comment));
                return true;
            case HumanTaskAttachment attachment:
                context.HumanTaskAttachments.Add(HumanTaskDetailMapper.ToEntity(attachment));
                return true;
            case HumanTaskVariables variables:
                context.HumanTaskVariables.AddRange(variables.Values.Select(pair => new HumanTaskVariableEntity
                {
                    TaskId = variables.TaskId,
                    Name = pair.Key,
                    ValueText = pair.Value,
                    NormalizedText = ModelEngine.HumanTasks.Search.HumanTaskVariables.Normalize(pair.Value),
                }));
                return true;
            case HumanTaskAttachmentRemoved removed:
                var entity = new HumanTaskAttachmentEntity
                {
                    Id = removed.AttachmentId,
                    TaskId = removed.TaskId,
                    FileName = string.Empty,
                    ContentType = string.Empty,
                    UploadedBy = string.Empty,
                    Content = [],
                };
                context.HumanTaskAttachments.Attach(entity).State = EntityState.Deleted;
                return true;
            default:
                return false;
        }
    }

    /// <summary>Whether <see cref="TryStage"/> or the task writers handle <paramref name="change"/>.</summary>
    public static bool IsTaskChange(object? change) =>
        change is HumanTaskCreated or HumanTaskUpdated or HumanTaskClosed or HumanTaskOverdue
            or HumanTaskHistoryEntry or HumanTaskEvent or HumanTaskComment or HumanTaskAttachment or HumanTaskAttachmentRemoved
            or HumanTaskVariables;

    private static void AddHistory(ModelEngineDbContext context, HumanTaskHistoryEntry entry) =>
        context.HumanTaskHistory.Add(HumanTaskDetailMapper.ToEntity(entry));

    /// <summary>
    /// Stages a task event as an outbox row of <see cref="HumanTaskEventMessage.MessageType"/>, so that it leaves only
    /// when the task change commits, and the relay hands it to inboxes, webhooks and e-mail after the commit.
    /// </summary>
    private static void AddEvent(ModelEngineDbContext context, HumanTaskEvent taskEvent) =>
        context.OutboxMessages.Add(OutboxMessageMapper.ToEntity(HumanTaskEventMessage.ToOutboxMessage(taskEvent)));

    /// <summary>
    /// Whether the context stages task events, so that the caller wakes the relay after its commit. The runtime wakes it
    /// for the outbox messages of a step itself.
    /// </summary>
    public static bool HasTaskEvents(ModelEngineDbContext context) =>
        context.ChangeTracker.Entries<OutboxMessageEntity>()
            .Any(entry => entry.State == EntityState.Added && entry.Entity.MessageType == HumanTaskEventMessage.MessageType);

    /// <summary>
    /// Marks the task overdue, now, when it is still open and not yet overdue, and stages its history entry and event.
    /// Returns the number of tasks changed, which is zero when the task ended before its due-date timer fired.
    /// </summary>
    public static async Task<int> MarkOverdueAsync(ModelEngineDbContext context, HumanTaskOverdue overdue, CancellationToken cancellationToken)
    {
        var nonFinal = HumanTaskQueries.NonFinalStatuses;
        var entity = await context.HumanTasks.AsNoTracking()
            .Where(t => t.Id == overdue.TaskId && nonFinal.Contains(t.Status) && t.OverdueAt == null)
            .FirstOrDefaultAsync(cancellationToken)
            .ConfigureAwait(false);
        if (entity is null)
        {
            return 0;
        }

        // The update repeats the conditions of the read, so a task that ended since the read stays as it is.
        var count = await context.HumanTasks
            .Where(t => t.Id == overdue.TaskId && nonFinal.Contains(t.Status) && t.OverdueAt == null)
            .ExecuteUpdateAsync(
                setters => setters
                    .SetProperty(t => t.OverdueAt, overdue.At)
                    .SetProperty(t => t.UpdatedAt, overdue.At)
                    .SetProperty(t => t.Revision, t => t.Revision + 1),
                cancellationToken)
            .ConfigureAwait(false);
        if (count == 0)
        {
            return 0;
        }

        var task = HumanTaskMapper.ToTask(entity);
        var marked = task with { OverdueAt = overdue.At, UpdatedAt = overdue.At, Revision = task.Revision + 1 };
        AddHistory(context, HumanTaskHistory.ForOverdue(marked, overdue));
        AddEvent(context, HumanTaskHistory.EventForOverdue(marked, overdue));
        return count;
    }
}
