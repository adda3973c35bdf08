using ModelEngine.HumanTasks.Model;
using ModelEngine.Server.Endpoints.Contracts;

namespace ModelEngine.Server.Notifications.LiveInbox;

/// <summary>
/// What a hub client receives for one task change. <see cref="Id"/> is the event id, the same in webhooks, so a client
/// that also reloads its inbox can drop a change it has seen.
/// </summary>
public sealed record TaskNotification(
    string Id,
    HumanTaskEventKind Kind,
    string TaskId,
    string WorkflowInstanceId,
    HumanTaskStatus Status,
    string? Assignee,
    string? PreviousAssignee,
    string Actor,
    string? OnBehalfOf,
    DateTimeOffset At,
    TaskResponse Task)
{
    public static TaskNotification From(HumanTaskEvent taskEvent)
    {
        ArgumentNullException.ThrowIfNull(taskEvent);
        var task = taskEvent.Task;
        return new TaskNotification(
            taskEvent.Id,
            taskEvent.Kind,
            task.Id,
            task.WorkflowInstanceId,
            task.Status,
            task.Assignee,
            taskEvent.PreviousAssignee,
            taskEvent.Actor,
            taskEvent.OnBehalfOf,
            taskEvent.At,
            TaskResponse.From(task));
    }
}
