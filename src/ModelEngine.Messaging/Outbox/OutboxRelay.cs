using System.Diagnostics;
using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelEngine.Messaging.Contracts;
using ModelEngine.Messaging.Telemetry;
using ModelEngine.Workflows.Messaging;

namespace ModelEngine.Messaging.Outbox;

/// <summary>
/// Publishes outbox rows on the bus after their commit, then deletes them. It runs when a commit signals it and every
/// <see cref="MessagingOptions.OutboxPollInterval"/>, which also picks up rows that a crash left behind. Each row is
/// claimed before it is published, so of several nodes only one relays it. A relay that dies after the publish and
/// before the delete leaves the row to be published again once its claim expires, so delivery is at least once. Rows of
/// a type that an <see cref="IOutboxMessageHandler"/> takes go to that handler first and are published as
/// <see cref="OutboxNotification"/>.
/// </summary>
internal sealed partial class OutboxRelay : BackgroundService
{
    private readonly IServiceScopeFactory _scopeFactory;
    private readonly IBus _bus;
    private readonly OutboxSignal _signal;
    private readonly TimeProvider _timeProvider;
    private readonly MessagingOptions _options;
    private readonly IReadOnlyList<IOutboxMessageHandler> _handlers;
    private readonly ILogger<OutboxRelay> _logger;

    public OutboxRelay(
        IServiceScopeFactory scopeFactory,
        IBus bus,
        OutboxSignal signal,
        TimeProvider timeProvider,
        IOptions<MessagingOptions> options,
        IEnumerable<IOutboxMessageHandler> handlers,
        ILogger<OutboxRelay> logger)
    {
        _handlers = handlers.ToList();
        _scopeFactory = scopeFactory;
        _bus = bus;
        _signal = signal;
        _timeProvider = timeProvider;
        _options = options.Value;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Log.Started(_logger, _options.OutboxPollInterval.TotalSeconds);
        try
        {
            // The first pass runs at once, so rows left by a crash go out at start-up.
            while (!stoppingToken.IsCancellationRequested)
            {
                await RelayPendingAsync(stoppingToken);
                await _signal.WaitAsync(_options.OutboxPollInterval, _timeProvider, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down. Claimed rows that were not published go out after their claim expires.
        }

        Log.Stopped(_logger);
    }

    /// <summary>Publishes every unclaimed row, batch after batch. Returns the number published.</summary>
    internal async Task<int> RelayPendingAsync(CancellationToken cancellationToken)
    {
        var published = 0;
        try
        {
            await using var scope = _scopeFactory.CreateAsyncScope();
            var store = scope.ServiceProvider.GetRequiredService<IOutboxStore>();
            while (true)
            {
                var batch = await store.ListUnclaimedMessagesAsync(_timeProvider.GetUtcNow(), _options.OutboxBatchSize, cancellationToken);
                var publishedInBatch = 0;
                foreach (var message in batch)
                {
                    if (await RelayAsync(store, message, cancellationToken))
                    {
                        publishedInBatch++;
                    }
                }

                published += publishedInBatch;

                // A short batch was the last one. A batch whose rows all failed or went to other relays would be read
                // again at once, so it waits for the next pass too.
                if (batch.Count < _options.OutboxBatchSize || publishedInBatch == 0)
                {
                    return published;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            // A database that is briefly unavailable: the next pass tries again.
            Log.PassFailed(_logger, exception);
            return published;
        }
    }

    private async Task<bool> RelayAsync(IOutboxStore store, OutboxMessage message, CancellationToken cancellationToken)
    {
        if (!await store.TryClaimMessageAsync(message.Id, _timeProvider.GetUtcNow(), _options.OutboxClaimLease, cancellationToken))
        {
            return false;
        }

        using var span = MessagingTelemetry.Source.StartActivity("outbox relay", ActivityKind.Producer);
        span?.SetTag(MessagingTelemetry.InstanceIdTag, message.WorkflowInstanceId);
        span?.SetTag(MessagingTelemetry.MessageIdTag, message.Id);
        span?.SetTag(MessagingTelemetry.MessageTypeTag, message.MessageType);
        var tags = new TagList { { MessagingTelemetry.MessageTypeTag, message.MessageType } };
        try
        {
            var handlers = _handlers.Where(handler => handler.MessageType == message.MessageType).ToList();
            foreach (var handler in handlers)
            {
                await handler.HandleAsync(message, cancellationToken);
            }

            var payload = message.PayloadJson is null ? null : JsonNode.Parse(message.PayloadJson);
            object envelope = handlers.Count > 0
                ? new OutboxNotification
                {
                    MessageId = message.Id,
                    MessageType = message.MessageType,
                    SourceInstanceId = message.WorkflowInstanceId,
                    Payload = payload,
                }
                : new WorkflowMessage
                {
                    MessageId = message.Id,
                    MessageType = message.MessageType,
                    CorrelationId = message.CorrelationId,
                    SourceInstanceId = message.WorkflowInstanceId,
                    Payload = payload,
                };

            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                timeout.CancelAfter(_options.PublishTimeout);
                await PublishAsync(envelope, message.Id, timeout.Token);
            }

            await store.DeleteMessageAsync(message.Id, cancellationToken);
            MessagingTelemetry.OutboxRelayed.Add(1, tags);
            Log.Relayed(_logger, message.Id, message.MessageType, message.WorkflowInstanceId);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            // The row keeps its claim until the lease ends, and a later pass publishes it then.
            span?.SetStatus(ActivityStatusCode.Error, exception.Message);
            MessagingTelemetry.OutboxRelayFailed.Add(1, tags);
            Log.RelayFailed(_logger, exception, message.Id, message.WorkflowInstanceId, _options.OutboxClaimLease.TotalSeconds);
            return false;
        }
    }

    private Task PublishAsync(object envelope, string messageId, CancellationToken cancellationToken) => envelope switch
    {
        OutboxNotification notification => _bus.Publish(notification, context => SetMessageId(context, messageId), cancellationToken),
        WorkflowMessage workflowMessage => _bus.Publish(workflowMessage, context => SetMessageId(context, messageId), cancellationToken),
        _ => throw new ArgumentException($"The relay cannot publish a {envelope.GetType().Name}.", nameof(envelope)),
    };

    /// <summary>Uses the outbox id as the transport message id when it is a GUID, so broker tools show the same id.</summary>
    private static void SetMessageId(PublishContext context, string messageId)
    {
        if (Guid.TryParse(messageId, out var id))
        {
            context.MessageId = id;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Outbox relay started; it polls every {PollSeconds} s (Messaging:OutboxPollInterval).")]
        public static partial void Started(ILogger logger, double pollSeconds);

        [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Outbox relay stopped.")]
        public static partial void Stopped(ILogger logger);

        [LoggerMessage(EventId = 5003, Level = LogLevel.Debug, Message = "Published outbox message {MessageId} of type {MessageType} from workflow instance {WorkflowInstanceId}.")]
        public static partial void Relayed(ILogger logger, string messageId, string messageType, string workflowInstanceId);

        [LoggerMessage(EventId = 5004, Level = LogLevel.Warning, Message = "Publishing outbox message {MessageId} from workflow instance {WorkflowInstanceId} failed; it is published again after its claim ends in {LeaseSeconds} s.")]
        public static partial void RelayFailed(ILogger logger, Exception exception, string messageId, string workflowInstanceId, double leaseSeconds);

        [LoggerMessage(EventId = 5005, Level = LogLevel.Error, Message = "An outbox relay pass failed. The next pass tries again.")]
        public static partial void PassFailed(ILogger logger, Exception exception);
    }
}
