using Microsoft.Extensions.Options;
using ModelEngine.HumanTasks.Model;
using ModelEngine.HumanTasks.Notifications;
using ModelEngine.Server.Notifications.Configuration;

namespace ModelEngine.Server.Notifications.Delivery;

/// <summary>
/// Sends stored webhook and e-mail deliveries and retries failed ones with exponential backoff. Each delivery is
/// claimed before it is sent, so one node sends it at a time. A node that stops after a successful send and before
/// recording it leaves the claim to expire, and the delivery is sent again: delivery is at least once, and receivers
/// use the event id to drop a repeat.
/// </summary>
internal sealed partial class NotificationDeliveryService : BackgroundService
{
    private readonly INotificationDeliveryStore _store;
    private readonly IReadOnlyDictionary<NotificationChannel, INotificationSender> _senders;
    private readonly NotificationDeliverySignal _signal;
    private readonly IOptionsMonitor<NotificationOptions> _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<NotificationDeliveryService> _logger;

    public NotificationDeliveryService(
        INotificationDeliveryStore store,
        IEnumerable<INotificationSender> senders,
        NotificationDeliverySignal signal,
        IOptionsMonitor<NotificationOptions> options,
        TimeProvider timeProvider,
        ILogger<NotificationDeliveryService> logger)
    {
        _store = store;
        _senders = senders.ToDictionary(sender => sender.Channel);
        _signal = signal;
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await SendDueAsync(stoppingToken);
                await _signal.WaitAsync(_options.CurrentValue.Delivery.PollInterval, _timeProvider, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down. Claimed deliveries that were not sent go out after their claim expires.
        }
    }

    /// <summary>Sends every due delivery, batch after batch. Returns the number of attempts made.</summary>
    internal async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var attempts = 0;
        try
        {
            var options = _options.CurrentValue.Delivery;
            while (true)
            {
                var batch = await _store.ClaimDueAsync(_timeProvider.GetUtcNow(), options.ClaimLease, options.BatchSize, cancellationToken);
                await Task.WhenAll(batch.Select(delivery => AttemptAsync(delivery, options, cancellationToken)));
                attempts += batch.Count;
                if (batch.Count < options.BatchSize)
                {
                    return attempts;
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
            return attempts;
        }
    }

    private async Task AttemptAsync(NotificationDelivery delivery, DeliveryOptions options, CancellationToken cancellationToken)
    {
        var attempt = delivery.Attempts + 1;
        string error;
        var permanent = false;
        try
        {
            if (!_senders.TryGetValue(delivery.Channel, out var sender))
            {
                throw new NotificationDeliveryException($"No sender handles the {delivery.Channel} channel.", permanent: true);
            }

            var taskEvent = HumanTaskEventMessage.Deserialize(delivery.PayloadJson);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.RequestTimeout);
            try
            {
                await sender.SendAsync(delivery, taskEvent, timeout.Token);
            }
            catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
            {
                throw new NotificationDeliveryException($"The attempt timed out after {options.RequestTimeout.TotalSeconds:0.#} s (HumanTasks:Delivery:RequestTimeout).", permanent: false, exception);
            }

            await _store.MarkDeliveredAsync(delivery.Id, attempt, _timeProvider.GetUtcNow(), CancellationToken.None);
            Log.Delivered(_logger, delivery.Id, delivery.Channel, delivery.Target, delivery.EventId, attempt);
            return;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (NotificationDeliveryException exception)
        {
            error = exception.Message;
            permanent = exception.IsPermanent;
        }
        catch (System.Text.Json.JsonException exception)
        {
            error = $"The stored event cannot be read: {exception.Message}";
            permanent = true;
        }
        catch (Exception exception)
        {
            // An unexpected error of a sender, such as a missing template, is retried like any failure.
            error = $"{exception.GetType().Name}: {exception.Message}";
        }

        var now = _timeProvider.GetUtcNow();
        if (permanent || attempt >= options.MaxAttempts)
        {
            await _store.MarkAttemptFailedAsync(delivery.Id, attempt, error, null, now, CancellationToken.None);
            Log.GivenUp(_logger, delivery.Id, delivery.Channel, delivery.Target, delivery.EventId, attempt, error);
            return;
        }

        var next = now + options.BackoffAfter(attempt);
        await _store.MarkAttemptFailedAsync(delivery.Id, attempt, error, next, now, CancellationToken.None);
        Log.Retrying(_logger, delivery.Id, delivery.Channel, delivery.Target, delivery.EventId, attempt, next, error);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1820, Level = LogLevel.Debug, Message = "Delivered {DeliveryId} ({Channel} to {Target}) of task event {EventId} at attempt {Attempt}.")]
        public static partial void Delivered(ILogger logger, string deliveryId, NotificationChannel channel, string target, string eventId, int attempt);

        [LoggerMessage(EventId = 1821, Level = LogLevel.Warning, Message = "Delivery {DeliveryId} ({Channel} to {Target}) of task event {EventId} failed at attempt {Attempt}; it is retried at {NextAttemptAt:O}. {Error}")]
        public static partial void Retrying(ILogger logger, string deliveryId, NotificationChannel channel, string target, string eventId, int attempt, DateTimeOffset nextAttemptAt, string error);

        [LoggerMessage(EventId = 1822, Level = LogLevel.Error, Message = "Delivery {DeliveryId} ({Channel} to {Target}) of task event {EventId} was given up after attempt {Attempt} (HumanTasks:Delivery:MaxAttempts). {Error}")]
        public static partial void GivenUp(ILogger logger, string deliveryId, NotificationChannel channel, string target, string eventId, int attempt, string error);

        [LoggerMessage(EventId = 1823, Level = LogLevel.Error, Message = "A notification delivery pass failed. The next pass tries again.")]
        public static partial void PassFailed(ILogger logger, Exception exception);
    }
}
