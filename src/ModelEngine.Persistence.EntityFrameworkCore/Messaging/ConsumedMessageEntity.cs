namespace ModelEngine.Persistence.EntityFrameworkCore.Messaging;

/// <summary>A row of the ConsumedMessages table: a message that resumed an instance, kept so that a repeat is dropped.</summary>
internal sealed class ConsumedMessageEntity
{
    public required string MessageId { get; set; }

    public required string WorkflowInstanceId { get; set; }

    public DateTimeOffset ConsumedAt { get; set; }
}
