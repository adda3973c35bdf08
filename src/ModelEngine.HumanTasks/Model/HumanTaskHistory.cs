using System.Text.Json.Nodes;

namespace ModelEngine.HumanTasks.Model;

/// <summary>Builds the history entries and events that stores write for the changes they apply themselves.</summary>
public static class HumanTaskHistory
{
    public static string NewId() => Guid.CreateVersion7().ToString("N");

    /// <summary>The history entry of a task that <paramref name="closed"/> ends.</summary>
    public static HumanTaskHistoryEntry ForClose(HumanTask task, HumanTaskClosed closed)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(closed);
        return new HumanTaskHistoryEntry
        {
            Id = NewId(),
            TaskId = task.Id,
            WorkflowInstanceId = task.WorkflowInstanceId,
            Action = closed.Status == HumanTaskStatus.Exited ? HumanTaskActions.Exit : HumanTaskActions.Obsolete,
            Actor = HumanTaskActions.SystemActor,
            At = closed.At,
            StatusBefore = task.Status,
            StatusAfter = closed.Status,
            Details = closed.Reason is null ? null : new JsonObject { ["reason"] = closed.Reason },
        };
    }

    /// <summary>The event of a task that <paramref name="closed"/> ended; <paramref name="ended"/> is the task after it.</summary>
    public static HumanTaskEvent EventForClose(HumanTask ended, string? previousAssignee, HumanTaskClosed closed)
    {
        ArgumentNullException.ThrowIfNull(ended);
        ArgumentNullException.ThrowIfNull(closed);
        return new HumanTaskEvent
        {
            Id = NewId(),
            Kind = HumanTaskEventKind.Ended,
            Task = ended,
            Actor = HumanTaskActions.SystemActor,
            PreviousAssignee = previousAssignee,
            At = closed.At,
        };
    }

    /// <summary>The history entry of a task that <paramref name="overdue"/> marked; <paramref name="marked"/> is the task after it.</summary>
    public static HumanTaskHistoryEntry ForOverdue(HumanTask marked, HumanTaskOverdue overdue)
    {
        ArgumentNullException.ThrowIfNull(marked);
        ArgumentNullException.ThrowIfNull(overdue);
        return new HumanTaskHistoryEntry
        {
            Id = NewId(),
            TaskId = marked.Id,
            WorkflowInstanceId = marked.WorkflowInstanceId,
            Action = HumanTaskActions.Overdue,
            Actor = HumanTaskActions.SystemActor,
            At = overdue.At,
            StatusBefore = marked.Status,
            StatusAfter = marked.Status,
            Details = new JsonObject { ["dueAt"] = marked.DueAt },
        };
    }

    /// <summary>The event of a task that <paramref name="overdue"/> marked; <paramref name="marked"/> is the task after it.</summary>
    public static HumanTaskEvent EventForOverdue(HumanTask marked, HumanTaskOverdue overdue)
    {
        ArgumentNullException.ThrowIfNull(marked);
        ArgumentNullException.ThrowIfNull(overdue);
        return new HumanTaskEvent
        {
            Id = NewId(),
            Kind = HumanTaskEventKind.Overdue,
            Task = marked,
            Actor = HumanTaskActions.SystemActor,
            PreviousAssignee = marked.Assignee,
            At = overdue.At,
        };
    }
}
