using ModelEngine.HumanTasks.Model;
using ModelEngine.Server.Endpoints.Contracts;

namespace ModelEngine.Server.Notifications.Webhooks;

/// <summary>The JSON body of a webhook request. <see cref="Id"/> is the event id, the receiver's idempotency key.</summary>
public sealed record WebhookPayload(
    string Id,
    HumanTaskEventKind Kind,
    DateTimeOffset OccurredAt,
    string Actor,
    string? OnBehalfOf,
    string? PreviousAssignee,
    TaskResponse Task)
{
    public static WebhookPayload From(HumanTaskEvent taskEvent)
    {
        ArgumentNullException.ThrowIfNull(taskEvent);
        return new WebhookPayload(
            taskEvent.Id,
            taskEvent.Kind,
            taskEvent.At,
            taskEvent.Actor,
            taskEvent.OnBehalfOf,
            taskEvent.PreviousAssignee,
            TaskResponse.From(taskEvent.Task));
    }
}
