namespace ModelEngine.HumanTasks.Notifications;

/// <summary>
/// One delivery of a task event to one target: a webhook or a user's mailbox. Its id is derived from the event id and
/// the target, so recording the same delivery twice keeps one row, and the target receives the event id as its
/// idempotency key.
/// </summary>
public sealed record NotificationDelivery
{
    public required string Id { get; init; }

    public required string EventId { get; init; }

    public required NotificationChannel Channel { get; init; }

    /// <summary>The webhook name or the user name.</summary>
    public required string Target { get; init; }

    /// <summary>The serialized <see cref="Model.HumanTaskEvent"/>.</summary>
    public required string PayloadJson { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The number of attempts made so far.</summary>
    public int Attempts { get; init; }

    /// <summary>When the next attempt is due.</summary>
    public required DateTimeOffset NextAttemptAt { get; init; }

    public DateTimeOffset? DeliveredAt { get; init; }

    /// <summary>When the sender gave up after its last attempt.</summary>
    public DateTimeOffset? FailedAt { get; init; }

    public string? LastError { get; init; }

    /// <summary>The id of the delivery of event <paramref name="eventId"/> to <paramref name="target"/> on <paramref name="channel"/>.</summary>
    public static string CreateId(string eventId, NotificationChannel channel, string target) =>
        $"{eventId}:{channel.ToString().ToLowerInvariant()}:{target}";
}
