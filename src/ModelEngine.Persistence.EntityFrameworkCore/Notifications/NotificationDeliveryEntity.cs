namespace ModelEngine.Persistence.EntityFrameworkCore.Notifications;

/// <summary>A row of the NotificationDeliveries table: one webhook or e-mail delivery of a task event.</summary>
internal sealed class NotificationDeliveryEntity
{
    public required string Id { get; set; }

    public required string EventId { get; set; }

    /// <summary>The channel name: <c>Webhook</c> or <c>Email</c>.</summary>
    public required string Channel { get; set; }

    public required string Target { get; set; }

    public required string PayloadJson { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>The end of the live claim of the node that sends the delivery, or <see langword="null"/>.</summary>
    public DateTimeOffset? ClaimedUntil { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }

    public DateTimeOffset? FailedAt { get; set; }

    public string? LastError { get; set; }
}
