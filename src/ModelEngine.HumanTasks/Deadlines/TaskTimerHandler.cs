using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ModelEngine.HumanTasks.Activities;
using ModelEngine.HumanTasks.Inbox;
using ModelEngine.HumanTasks.Model;
using ModelEngine.Workflows.Runtime;

namespace ModelEngine.HumanTasks.Deadlines;

/// <summary>
/// Runs a task timer when its bookmark fires: the due date, a deadline or a reminder. Each reads the task first and
/// does nothing when the task has ended, and each task change carries the revision it read, so a commit that races a
/// claim or a completion fails whole and the timer fires again later.
/// </summary>
internal static class TaskTimerHandler
{
    public static async ValueTask<TaskTimerFiring> HandleAsync(ActivityExecutionContext context)
    {
        if (context.ResumedBookmark?.Payload is not JsonObject payload
            || payload[HumanTaskFactory.DueTaskIdProperty] is not JsonValue idValue
            || !idValue.TryGetValue(out string? taskId))
        {
            return TaskTimerFiring.NotATimer;
        }

        var kind = payload[HumanTaskFactory.TimerKindProperty]?.GetValue<string>() ?? TaskTimers.DueKind;
        var store = context.Services.GetRequiredService<IHumanTaskStore>();
        var task = await store.FindAsync(taskId, context.CancellationToken);
        if (task is null || task.Status.IsFinal())
        {
            // The commit that ended the task normally removes its timers; one that fired before that commit ends here.
            return TaskTimerFiring.Handled;
        }

        switch (kind)
        {
            case TaskTimers.DueKind:
                MarkDue(context, task);
                return TaskTimerFiring.Handled;

            case TaskTimers.ReminderKind:
                Remind(context, task, payload);
                return TaskTimerFiring.Handled;

            case TaskTimers.StartDeadlineKind when task.Status is not (HumanTaskStatus.Ready or HumanTaskStatus.Reserved):
                // The task was started before its start deadline.
                return TaskTimerFiring.Handled;

            case TaskTimers.StartDeadlineKind or TaskTimers.CompletionDeadlineKind:
                return await EscalateAsync(context, store, task, kind, payload);

            default:
                throw new WorkflowFaultException($"Task '{taskId}' has a timer of unknown kind '{kind}'. The timer was written by a newer version of the server.");
        }
    }

    /// <summary>
    /// Marks the task overdue, unless its due date moved since the timer was written: a later due date gets a new timer,
    /// and a cleared one needs none.
    /// </summary>
    /// <remarks>
    /// NOTE: a due date moved earlier keeps the timer of the old date, so the task is marked overdue at that old time
    /// unless the change that moved it also wrote a timer for the new date.
    /// </remarks>
    private static void MarkDue(ActivityExecutionContext context, HumanTask task)
    {
        var now = context.TimeProvider.GetUtcNow();
        if (task.DueAt is not { } dueAt || task.OverdueAt is not null)
        {
            return;
        }

        // The timer's own due time is the due date it was written for.
        if (context.ResumedBookmark?.DueAt is { } timerDueAt && dueAt > timerDueAt)
        {
            TaskTimers.CreateDue(context, task.Id, dueAt);
            return;
        }

        context.AddChange(new HumanTaskOverdue(task.Id, now));
        context.Journal(HumanTaskFactory.TaskOverdueEvent, $"Task '{task.Id}' is overdue.", new JsonObject { ["taskId"] = task.Id, ["overdueAt"] = now });
    }

    private static void Remind(ActivityExecutionContext context, HumanTask task, JsonObject payload)
    {
        var now = context.TimeProvider.GetUtcNow();
        var number = payload[TaskTimers.NumberProperty]?.GetValue<int>() ?? 1;
        var remaining = payload[TaskTimers.RemainingProperty]?.GetValue<int>() ?? 0;

        // A suspended task is not reminded, but the count still runs down, so the reminders stay bounded.
        if (task.Status.IsOpen())
        {
            var details = new JsonObject { ["number"] = number };
            context.AddChange(Entry(task, HumanTaskActions.Remind, now, details));
            context.AddChange(Event(task, HumanTaskEventKind.Reminder, now, null, (JsonObject)details.DeepClone()));
        }

        if (remaining > 0)
        {
            var every = TimeSpan.ParseExact(payload[TaskTimers.EveryProperty]!.GetValue<string>(), "c", System.Globalization.CultureInfo.InvariantCulture);
            var calendar = TaskTimers.ResolveCalendar(context, payload[TaskTimers.CalendarProperty]?.GetValue<string>());
            var from = context.ResumedBookmark?.DueAt ?? now;
            TaskTimers.CreateReminder(context, task.Id, every, remaining - 1, number + 1, calendar, from);
        }
    }

    private static async ValueTask<TaskTimerFiring> EscalateAsync(ActivityExecutionContext context, IHumanTaskStore store, HumanTask task, string kind, JsonObject payload)
    {
        var now = context.TimeProvider.GetUtcNow();
        var action = Enum.Parse<DeadlineAction>(payload[TaskTimers.ActionProperty]!.GetValue<string>());
        var target = payload[TaskTimers.TargetProperty]?.GetValue<string>();
        var details = new JsonObject { ["deadline"] = kind, ["action"] = action.ToString(), ["target"] = target };

        switch (action)
        {
            case DeadlineAction.Complete:
                var outcome = payload[TaskTimers.OutcomeProperty]!.GetValue<string>();
                details.Remove("target");
                details["outcome"] = outcome;
                var completed = task with
                {
                    Status = HumanTaskStatus.Completed,
                    Outcome = outcome,
                    CompletedBy = HumanTaskActions.SystemActor,
                    CompletedAt = now,
                    UpdatedAt = now,
                    EscalatedAt = now,
                    Revision = task.Revision + 1,
                };
                context.AddChange(new HumanTaskUpdated(completed, task.Revision));
                context.AddChange(Entry(task, HumanTaskActions.Complete, now, details, completed));
                context.AddChange(Event(completed, HumanTaskEventKind.Completed, now, task.Assignee, (JsonObject)details.DeepClone()));

                // The task's own bookmark and its other timers end with it, in this commit.
                context.RemoveBookmarks(bookmark => bookmark.Id == task.BookmarkId || HumanTaskFactory.IsTimerOf(bookmark, task.Id));
                var siblings = await store.ListByActivityInstanceAsync(task.ActivityInstanceId, context.CancellationToken);
                var tasks = siblings.Select(sibling => sibling.Id == task.Id ? completed : sibling).ToList();
                return new TaskTimerFiring(true, completed, tasks);

            case DeadlineAction.Reassign when target is not null:
                var reassigned = Reassign(task, target, now, details);
                context.AddChange(new HumanTaskUpdated(reassigned, task.Revision));
                context.AddChange(Entry(task, HumanTaskActions.Escalate, now, details, reassigned));
                context.AddChange(Event(reassigned, HumanTaskEventKind.Escalated, now, task.Assignee, (JsonObject)details.DeepClone()));
                return TaskTimerFiring.Handled;

            default:
                var escalated = task with { EscalatedAt = now, UpdatedAt = now, Revision = task.Revision + 1 };
                context.AddChange(new HumanTaskUpdated(escalated, task.Revision));
                context.AddChange(Entry(task, HumanTaskActions.Escalate, now, details, escalated));
                context.AddChange(Event(escalated, HumanTaskEventKind.Escalated, now, task.Assignee, (JsonObject)details.DeepClone()));
                return TaskTimerFiring.Handled;
        }
    }

    /// <summary>
    /// Moves the task to <paramref name="target"/>: a user is assigned it (Reserved), or a group may claim it (Ready). A
    /// suspended task stays suspended and returns to that status. A target that the four-eyes rules exclude is not given
    /// the task, and the escalation records why.
    /// </summary>
    private static HumanTask Reassign(HumanTask task, string target, DateTimeOffset now, JsonObject details)
    {
        var isGroup = Approvals.ApprovalPolicyReader.IsGroup(target, out var group);
        if (!isGroup && TaskAccess.IsExcluded(task, target))
        {
            details["skipped"] = $"'{target}' is excluded from this task by its four-eyes rules, so the task was not reassigned.";
            return task with { EscalatedAt = now, UpdatedAt = now, Revision = task.Revision + 1 };
        }

        details["previousAssignee"] = task.Assignee;
        var status = isGroup ? HumanTaskStatus.Ready : HumanTaskStatus.Reserved;
        return task with
        {
            Status = task.Status == HumanTaskStatus.Suspended ? HumanTaskStatus.Suspended : status,
            SuspendedFrom = task.Status == HumanTaskStatus.Suspended ? status : task.SuspendedFrom,
            Assignee = isGroup ? null : target,
            CandidateUsers = isGroup ? [] : task.CandidateUsers,
            CandidateGroups = isGroup ? [group] : task.CandidateGroups,
            Owner = null,
            DelegationState = null,
            EscalatedAt = now,
            UpdatedAt = now,
            Revision = task.Revision + 1,
        };
    }

    private static HumanTaskHistoryEntry Entry(HumanTask before, string action, DateTimeOffset at, JsonObject details, HumanTask? after = null) => new()
    {
        Id = HumanTaskHistory.NewId(),
        TaskId = before.Id,
        WorkflowInstanceId = before.WorkflowInstanceId,
        Action = action,
        Actor = HumanTaskActions.SystemActor,
        At = at,
        StatusBefore = before.Status,
        StatusAfter = (after ?? before).Status,
        Details = (JsonObject)details.DeepClone(),
    };

    private static HumanTaskEvent Event(HumanTask task, HumanTaskEventKind kind, DateTimeOffset at, string? previousAssignee, JsonObject? details) => new()
    {
        Id = HumanTaskHistory.NewId(),
        Kind = kind,
        Task = task,
        Actor = HumanTaskActions.SystemActor,
        PreviousAssignee = previousAssignee,
        At = at,
        Details = details,
    };
}
