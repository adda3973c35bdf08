namespace ModelEngine.Workflows.Persistence;

/// <summary>
/// One record of an instance's journal. <see cref="Sequence"/> increases by one per record within an instance.
/// <see cref="PayloadJson"/> holds event details, such as a WriteLine's text or an activity's outcomes.
/// </summary>
public sealed record JournalEntry(
    string WorkflowInstanceId,
    long Sequence,
    DateTimeOffset Timestamp,
    string EventName,
    string? ActivityId,
    string? ActivityType,
    string? Message,
    string? PayloadJson);
