namespace ModelEngine.Persistence.EntityFrameworkCore.Journal;

/// <summary>A row of the JournalEntries table, keyed by instance id and sequence number.</summary>
internal sealed class JournalEntryEntity
{
    public required string WorkflowInstanceId { get; set; }

    public long Sequence { get; set; }

    public DateTimeOffset Timestamp { get; set; }

    public required string EventName { get; set; }

    public string? ActivityId { get; set; }

    public string? ActivityType { get; set; }

    public string? Message { get; set; }

    public string? PayloadJson { get; set; }
}
