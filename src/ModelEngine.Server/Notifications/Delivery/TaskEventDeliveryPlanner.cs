using Microsoft.Extensions.Options;
using ModelEngine.HumanTasks.Model;
using ModelEngine.HumanTasks.Notifications;
using ModelEngine.Messaging.Outbox;
using ModelEngine.Server.Notifications.Configuration;
using ModelEngine.Server.Notifications.Directory;
using ModelEngine.Workflows.Messaging;

namespace ModelEngine.Server.Notifications.Delivery;

/// <summary>
/// Turns a relayed task event into its webhook and e-mail deliveries before the relay deletes the outbox row. The
/// deliveries are stored with ids derived from the event, so a row that is relayed twice records each delivery once.
/// </summary>
internal sealed partial class TaskEventDeliveryPlanner : IOutboxMessageHandler
{
    /// <summary>The event kinds that send e-mail.</summary>
    public static readonly IReadOnlySet<HumanTaskEventKind> EmailKinds =
        new HashSet<HumanTaskEventKind> { HumanTaskEventKind.Assigned, HumanTaskEventKind.Escalated, HumanTaskEventKind.Overdue };

    private readonly INotificationDeliveryStore _store;
    private readonly IUserDirectory _directory;
    private readonly IOptionsMonitor<NotificationOptions> _options;
    private readonly NotificationDeliverySignal _signal;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<TaskEventDeliveryPlanner> _logger;

    public TaskEventDeliveryPlanner(
        INotificationDeliveryStore store,
        IUserDirectory directory,
        IOptionsMonitor<NotificationOptions> options,
        NotificationDeliverySignal signal,
        TimeProvider timeProvider,
        ILogger<TaskEventDeliveryPlanner> logger)
    {
        _store = store;
        _directory = directory;
        _options = options;
        _signal = signal;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public string MessageType => HumanTaskEventMessage.MessageType;

    public async Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.PayloadJson is null)
        {
            return;
        }

        HumanTaskEvent taskEvent;
        try
        {
            taskEvent = HumanTaskEventMessage.Deserialize(message.PayloadJson);
        }
        catch (System.Text.Json.JsonException exception)
        {
            // A row that cannot be read now never can, so it is not retried.
            Log.Unreadable(_logger, exception, message.Id, message.WorkflowInstanceId);
            return;
        }

        var deliveries = await PlanAsync(taskEvent, message.PayloadJson, cancellationToken).ConfigureAwait(false);
        if (deliveries.Count == 0)
        {
            return;
        }

        await _store.AddAsync(deliveries, cancellationToken).ConfigureAwait(false);
        Log.Planned(_logger, taskEvent.Id, taskEvent.Kind, taskEvent.Task.Id, taskEvent.Task.WorkflowInstanceId, deliveries.Count);
        _signal.Notify();
    }

    private async Task<List<NotificationDelivery>> PlanAsync(HumanTaskEvent taskEvent, string payloadJson, CancellationToken cancellationToken)
    {
        var options = _options.CurrentValue;
        var now = _timeProvider.GetUtcNow();
        var deliveries = new List<NotificationDelivery>();
        foreach (var webhook in options.Webhooks.Where(webhook => webhook.Events.Contains(taskEvent.Kind)))
        {
            deliveries.Add(Create(taskEvent, NotificationChannel.Webhook, webhook.Name, payloadJson, now));
        }

        if (options.Email.Enabled && EmailKinds.Contains(taskEvent.Kind))
        {
            foreach (var user in await FindEmailRecipientsAsync(taskEvent.Task, cancellationToken).ConfigureAwait(false))
            {
                deliveries.Add(Create(taskEvent, NotificationChannel.Email, user, payloadJson, now));
            }
        }

        return deliveries;
    }

    /// <summary>
    /// The holder of the task, or, while it has no holder, its candidate users and the members of its candidate groups,
    /// less the users the four-eyes rules exclude.
    /// </summary>
    private async Task<IReadOnlyList<string>> FindEmailRecipientsAsync(HumanTask task, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(task.Assignee))
        {
            return [task.Assignee];
        }

        var users = new SortedSet<string>(task.CandidateUsers, StringComparer.Ordinal);
        foreach (var group in task.CandidateGroups)
        {
            users.UnionWith(await _directory.GetGroupMembersAsync(group, cancellationToken).ConfigureAwait(false));
        }

        users.ExceptWith(task.ExcludedUsers);
        return users.ToList();
    }

    private static NotificationDelivery Create(HumanTaskEvent taskEvent, NotificationChannel channel, string target, string payloadJson, DateTimeOffset now) => new()
    {
        Id = NotificationDelivery.CreateId(taskEvent.Id, channel, target),
        EventId = taskEvent.Id,
        Channel = channel,
        Target = target,
        PayloadJson = payloadJson,
        CreatedAt = now,
        NextAttemptAt = now,
    };

    private static partial class Log
    {
        [LoggerMessage(EventId = 1811, Level = LogLevel.Error, Message = "Task event {EventId} of workflow instance {WorkflowInstanceId} could not be read, so it sends no webhook or e-mail.")]
        public static partial void Unreadable(ILogger logger, Exception exception, string eventId, string workflowInstanceId);

        [LoggerMessage(EventId = 1810, Level = LogLevel.Debug, Message = "Task event {EventId} ({Kind}) of task {TaskId} in workflow instance {WorkflowInstanceId} has {DeliveryCount} webhook and e-mail deliveries.")]
        public static partial void Planned(ILogger logger, string eventId, HumanTaskEventKind kind, string taskId, string workflowInstanceId, int deliveryCount);
    }
}
