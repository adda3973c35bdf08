namespace ModelEngine.HumanTasks.Notifications;

/// <summary>Keeps deliveries in process memory, for hosts without a database and for tests.</summary>
public sealed class InMemoryNotificationDeliveryStore : INotificationDeliveryStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Entry> _deliveries = new(StringComparer.Ordinal);

    public Task AddAsync(IReadOnlyList<NotificationDelivery> deliveries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deliveries);
        lock (_lock)
        {
            foreach (var delivery in deliveries)
            {
                _deliveries.TryAdd(delivery.Id, new Entry(delivery, null));
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<NotificationDelivery>> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, int maxCount, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        lock (_lock)
        {
            var due = _deliveries.Values
                .Where(entry => entry.Delivery.DeliveredAt is null && entry.Delivery.FailedAt is null
                    && entry.Delivery.NextAttemptAt <= now && (entry.ClaimedUntil is null || entry.ClaimedUntil <= now))
                .OrderBy(entry => entry.Delivery.NextAttemptAt)
                .ThenBy(entry => entry.Delivery.Id, StringComparer.Ordinal)
                .Take(maxCount)
                .Select(entry => entry.Delivery)
                .ToList();
            foreach (var delivery in due)
            {
                _deliveries[delivery.Id] = new Entry(delivery, now + lease);
            }

            return Task.FromResult<IReadOnlyList<NotificationDelivery>>(due);
        }
    }

    public Task MarkDeliveredAsync(string id, int attempts, DateTimeOffset deliveredAt, CancellationToken cancellationToken = default)
    {
        Update(id, delivery => delivery with { Attempts = attempts, DeliveredAt = deliveredAt });
        return Task.CompletedTask;
    }

    public Task MarkAttemptFailedAsync(
        string id, int attempts, string error, DateTimeOffset? nextAttemptAt, DateTimeOffset failedAt, CancellationToken cancellationToken = default)
    {
        Update(id, delivery => delivery with
        {
            Attempts = attempts,
            LastError = error,
            NextAttemptAt = nextAttemptAt ?? delivery.NextAttemptAt,
            FailedAt = nextAttemptAt is null ? failedAt : null,
        });
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<NotificationDelivery>> ListByEventAsync(string eventId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<NotificationDelivery>>(
                _deliveries.Values.Select(entry => entry.Delivery).Where(delivery => delivery.EventId == eventId).OrderBy(delivery => delivery.Id, StringComparer.Ordinal).ToList());
        }
    }

    private void Update(string id, Func<NotificationDelivery, NotificationDelivery> change)
    {
        lock (_lock)
        {
            if (_deliveries.TryGetValue(id, out var entry))
            {
                _deliveries[id] = new Entry(change(entry.Delivery), null);
            }
        }
    }

    private sealed record Entry(NotificationDelivery Delivery, DateTimeOffset? ClaimedUntil);
}
