namespace ModelEngine.HumanTasks.Notifications;

/// <summary>
/// Keeps webhook and e-mail deliveries until they succeed or are given up, so that a node that stops loses none.
/// Deliveries are claimed before they are sent, so of several nodes only one sends a delivery at a time.
/// </summary>
public interface INotificationDeliveryStore
{
    /// <summary>Inserts the deliveries whose ids are not stored yet and leaves the others as they are.</summary>
    Task AddAsync(IReadOnlyList<NotificationDelivery> deliveries, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims up to <paramref name="maxCount"/> deliveries that are neither delivered nor given up, whose next attempt
    /// is due at <paramref name="now"/> and that have no live claim, until <paramref name="now"/> plus
    /// <paramref name="lease"/>. Returns the deliveries this call claimed.
    /// </summary>
    Task<IReadOnlyList<NotificationDelivery>> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, int maxCount, CancellationToken cancellationToken = default);

    /// <summary>Records a successful attempt and releases the claim.</summary>
    Task MarkDeliveredAsync(string id, int attempts, DateTimeOffset deliveredAt, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records a failed attempt and releases the claim. <paramref name="nextAttemptAt"/> schedules a retry, and
    /// <see langword="null"/> gives the delivery up at <paramref name="failedAt"/>.
    /// </summary>
    Task MarkAttemptFailedAsync(
        string id, int attempts, string error, DateTimeOffset? nextAttemptAt, DateTimeOffset failedAt, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<NotificationDelivery>> ListByEventAsync(string eventId, CancellationToken cancellationToken = default);
}
