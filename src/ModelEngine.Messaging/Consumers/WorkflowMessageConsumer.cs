using System.Diagnostics;
using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.Extensions.Logging;
using ModelEngine.Messaging.Contracts;
using ModelEngine.Messaging.Telemetry;
using ModelEngine.Workflows.Activities.Messaging;
using ModelEngine.Workflows.Messaging;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Messaging.Consumers;

/// <summary>
/// Resumes the instances waiting in MessageReceived for a message's type, and, when the bookmark names a correlation
/// id, only those whose id matches the message's. It also starts an instance of each published definition whose
/// flowchart starts with a matching MessageReceived. Each resume commits a <see cref="ConsumedMessage"/> row with it, so a
/// second delivery of the same message to the same instance fails its commit and changes nothing.
/// </summary>
internal sealed partial class WorkflowMessageConsumer : IConsumer<WorkflowMessage>
{
    /// <summary>The queue's name after <see cref="MessagingOptions.QueuePrefix"/>.</summary>
    public const string QueueSuffix = "-workflow-messages";

    // A resume that loses a race to another commit on the same instance tries again this many times.
    private const int MaxAttempts = 3;

    private readonly IWorkflowRuntime _runtime;
    private readonly IWorkflowInstanceStore _instances;
    private readonly MessageTypeCatalog _catalog;
    private readonly MessageStartFinder _startFinder;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<WorkflowMessageConsumer> _logger;

    public WorkflowMessageConsumer(
        IWorkflowRuntime runtime,
        IWorkflowInstanceStore instances,
        MessageTypeCatalog catalog,
        MessageStartFinder startFinder,
        TimeProvider timeProvider,
        ILogger<WorkflowMessageConsumer> logger)
    {
        _runtime = runtime;
        _instances = instances;
        _catalog = catalog;
        _startFinder = startFinder;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public async Task Consume(ConsumeContext<WorkflowMessage> context)
    {
        var message = context.Message;
        using var span = MessagingTelemetry.Source.StartActivity("consume WorkflowMessage", ActivityKind.Consumer);
        span?.SetTag(MessagingTelemetry.MessageIdTag, message.MessageId);
        span?.SetTag(MessagingTelemetry.MessageTypeTag, message.MessageType);

        if (!_catalog.Contains(message.MessageType))
        {
            Log.UnknownType(_logger, message.MessageId, message.MessageType);
            Count("unknown-type");
            return;
        }

        // NOTE: a message that arrives before its receiver's bookmark is committed resumes nothing; it is not kept.
        var bookmarks = await _instances.ListBookmarksAsync(MessageReceived.TypeName, null, context.CancellationToken);
        var resumed = 0;
        foreach (var bookmark in bookmarks)
        {
            if (Matches(bookmark, message) && await ResumeAsync(bookmark, message, context.CancellationToken))
            {
                resumed++;
            }
        }

        // Starts come after the resumes, so that the instances started here are not resumed a second time above.
        var started = 0;
        foreach (var definitionId in await _startFinder.FindAsync(message, context.CancellationToken))
        {
            if (await StartAsync(definitionId, message, context.CancellationToken))
            {
                started++;
            }
        }

        span?.SetTag("modelengine.resumed_count", resumed);
        span?.SetTag("modelengine.started_count", started);
        Log.Consumed(_logger, message.MessageId, message.MessageType, resumed, started);
        Count(resumed + started == 0 ? "no-receiver" : "resumed");
    }

    private static void Count(string outcome) => MessagingTelemetry.MessagesConsumed.Add(1, new TagList
    {
        { MessagingTelemetry.ConsumerTag, nameof(WorkflowMessage) },
        { MessagingTelemetry.OutcomeTag, outcome },
    });

    /// <summary>
    /// Starts an instance of <paramref name="definitionId"/> for the message and resumes its first MessageReceived with
    /// it. The message id is the dispatch's idempotency key, so a repeated delivery finds the same instance, whose
    /// bookmark is consumed already.
    /// </summary>
    private async Task<bool> StartAsync(string definitionId, WorkflowMessage message, CancellationToken cancellationToken)
    {
        var instanceId = await _runtime.DispatchAsync(
            new StartWorkflowRequest(definitionId, CorrelationId: message.CorrelationId, IdempotencyKey: message.MessageId),
            cancellationToken);

        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            // Running the instance here brings it to its MessageReceived at once. A worker that runs it at the same time
            // is harmless: one of the two commits first and the other finds no Pending work or loses the revision check.
            try
            {
                await _runtime.RunPendingAsync(instanceId, cancellationToken);
            }
            catch (ConcurrencyConflictException exception)
            {
                Log.Retrying(_logger, instanceId, message.MessageId, attempt, exception.Message);
            }

            var bookmarks = await _instances.ListBookmarksAsync(MessageReceived.TypeName, instanceId, cancellationToken);
            if (bookmarks.FirstOrDefault(bookmark => Matches(bookmark, message)) is { } waiting)
            {
                return await ResumeAsync(waiting, message, cancellationToken);
            }

            var summary = await _instances.FindSummaryAsync(instanceId, cancellationToken);
            if (summary?.SubStatus is not (WorkflowSubStatus.Pending or WorkflowSubStatus.Executing))
            {
                // The instance went past its MessageReceived: an earlier delivery of this message resumed it.
                Log.Skipped(_logger, instanceId, message.MessageId, $"the started instance is {summary?.SubStatus.ToString() ?? "gone"} and does not wait for the message");
                return false;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), _timeProvider, cancellationToken);
        }

        Log.Skipped(_logger, instanceId, message.MessageId, $"the started instance did not reach its MessageReceived after {MaxAttempts} attempts; it stays Pending");
        return false;
    }

    private async Task<bool> ResumeAsync(BookmarkRecord bookmark, WorkflowMessage message, CancellationToken cancellationToken)
    {
        var instanceId = bookmark.WorkflowInstanceId;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var consumed = new ConsumedMessage(message.MessageId, instanceId, _timeProvider.GetUtcNow());
                await _runtime.ResumeAsync(
                    new ResumeWorkflowRequest(instanceId, bookmark.Id, message.Payload?.DeepClone()) { Changes = [consumed] },
                    cancellationToken);
                Log.Resumed(_logger, instanceId, message.MessageId, bookmark.Id);
                return true;
            }
            catch (Exception exception) when (exception is BookmarkNotFoundException or WorkflowNotFoundException)
            {
                // Another delivery of this message, or another message, consumed the bookmark first.
                Log.Skipped(_logger, instanceId, message.MessageId, exception.Message);
                return false;
            }
            catch (ConcurrencyConflictException exception) when (attempt < MaxAttempts)
            {
                // Another step of the instance committed first; the bookmark may still be there to resume.
                Log.Retrying(_logger, instanceId, message.MessageId, attempt, exception.Message);
            }
            catch (ConcurrencyConflictException exception)
            {
                // The instance consumed this message before (the ConsumedMessages row exists), or keeps losing races.
                Log.Skipped(_logger, instanceId, message.MessageId, exception.Message);
                return false;
            }
        }
    }

    private static bool Matches(BookmarkRecord bookmark, WorkflowMessage message)
    {
        if (bookmark.PayloadJson is null || JsonNode.Parse(bookmark.PayloadJson) is not JsonObject payload)
        {
            return false;
        }

        if (payload[MessageReceived.MessageTypeProperty]?.GetValue<string>() != message.MessageType)
        {
            return false;
        }

        var expectedCorrelationId = payload[MessageReceived.CorrelationIdProperty]?.GetValue<string>();
        return expectedCorrelationId is null || string.Equals(expectedCorrelationId, message.CorrelationId, StringComparison.Ordinal);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 5201, Level = LogLevel.Debug, Message = "Message {MessageId} of type {MessageType} resumed {ResumedCount} waiting workflow instances and started {StartedCount}.")]
        public static partial void Consumed(ILogger logger, string messageId, string messageType, int resumedCount, int startedCount);

        [LoggerMessage(EventId = 5202, Level = LogLevel.Debug, Message = "Workflow instance {WorkflowInstanceId} resumed by message {MessageId} at bookmark {BookmarkId}.")]
        public static partial void Resumed(ILogger logger, string workflowInstanceId, string messageId, string bookmarkId);

        [LoggerMessage(EventId = 5203, Level = LogLevel.Debug, Message = "Workflow instance {WorkflowInstanceId} skipped for message {MessageId}: {Reason}")]
        public static partial void Skipped(ILogger logger, string workflowInstanceId, string messageId, string reason);

        [LoggerMessage(EventId = 5204, Level = LogLevel.Debug, Message = "Resuming workflow instance {WorkflowInstanceId} with message {MessageId} lost a race (attempt {Attempt}): {Reason}")]
        public static partial void Retrying(ILogger logger, string workflowInstanceId, string messageId, int attempt, string reason);

        [LoggerMessage(EventId = 5205, Level = LogLevel.Warning, Message = "Message {MessageId} has type {MessageType}, which is not in Messaging:MessageTypes; it was dropped.")]
        public static partial void UnknownType(ILogger logger, string messageId, string messageType);
    }
}
