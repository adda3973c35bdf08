using ModelEngine.Workflows.Persistence;

namespace ModelEngine.Persistence.EntityFrameworkCore.Journal;

internal static class JournalEntryMapper
{
    public static JournalEntry ToRecord(JournalEntryEntity entity) => new(
        entity.WorkflowInstanceId,
        entity.Sequence,
        entity.Timestamp,
        entity.EventName,
        entity.ActivityId,
        entity.ActivityType,
        entity.Message,
        entity.PayloadJson);

    public static JournalEntryEntity ToEntity(JournalEntry record) => new()
    {
        WorkflowInstanceId = record.WorkflowInstanceId,
        Sequence = record.Sequence,
        Timestamp = record.Timestamp,
        EventName = record.EventName,
        ActivityId = record.ActivityId,
        ActivityType = record.ActivityType,
        Message = record.Message,
        PayloadJson = record.PayloadJson,
    };
}
