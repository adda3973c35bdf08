using MassTransit;
using ModelEngine.HumanTasks.Notifications;
using ModelEngine.Messaging.Contracts;

namespace ModelEngine.Server.Notifications.LiveInbox;

/// <summary>
/// Hears every relayed task event on an endpoint of this node's own, so that each node sends it to the hub connections
/// it holds, whichever node committed the change.
/// </summary>
internal sealed partial class TaskEventFanOutConsumer : IConsumer<OutboxNotification>
{
    /// <summary>The endpoint's name after the queue prefix; each node appends its own instance id.</summary>
    public const string EndpointSuffix = "-task-events";

    private readonly TaskInboxBroadcaster _broadcaster;
    private readonly ILogger<TaskEventFanOutConsumer> _logger;

    public TaskEventFanOutConsumer(TaskInboxBroadcaster broadcaster, ILogger<TaskEventFanOutConsumer> logger)
    {
        _broadcaster = broadcaster;
        _logger = logger;
    }

    public async Task Consume(ConsumeContext<OutboxNotification> context)
    {
        var message = context.Message;
        if (message.MessageType != HumanTaskEventMessage.MessageType || message.Payload is null)
        {
            return;
        }

        try
        {
            var taskEvent = HumanTaskEventMessage.Deserialize(message.Payload.ToJsonString());
            await _broadcaster.BroadcastAsync(taskEvent, context.CancellationToken);
        }
        catch (System.Text.Json.JsonException exception)
        {
            Log.Unreadable(_logger, exception, message.MessageId);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1803, Level = LogLevel.Warning, Message = "Task event message {MessageId} could not be read and was dropped.")]
        public static partial void Unreadable(ILogger logger, Exception exception, string messageId);
    }
}
