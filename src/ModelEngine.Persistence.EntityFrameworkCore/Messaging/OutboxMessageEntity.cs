namespace ModelEngine.Persistence.EntityFrameworkCore.Messaging;

/// <summary>A row of the OutboxMessages table: a message that a committed step sent and no relay has published yet.</summary>
internal sealed class OutboxMessageEntity
{
    public required string Id { get; set; }

    public required string WorkflowInstanceId { get; set; }

    public required string MessageType { get; set; }

    public string? CorrelationId { get; set; }

    public string? PayloadJson { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The end of the live claim of the relay that publishes the row, or <see langword="null"/> when unclaimed.</summary>
    public DateTimeOffset? ClaimedUntil { get; set; }
}
