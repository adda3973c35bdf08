using ModelEngine.Persistence.EntityFrameworkCore.Timers;
using ModelEngine.Workflows.Persistence;

namespace ModelEngine.Persistence.EntityFrameworkCore.Bookmarks;

internal static class BookmarkMapper
{
    public static BookmarkRecord ToRecord(BookmarkEntity entity) => new(
        entity.Id,
        entity.WorkflowInstanceId,
        entity.ActivityId,
        entity.ActivityInstanceId,
        entity.Name,
        entity.PayloadJson,
        entity.CorrelationId,
        entity.CreatedAt,
        entity.DueAt);

    public static BookmarkEntity ToEntity(BookmarkRecord record) => new()
    {
        Id = record.Id,
        WorkflowInstanceId = record.WorkflowInstanceId,
        ActivityId = record.ActivityId,
        ActivityInstanceId = record.ActivityInstanceId,
        Name = record.Name,
        PayloadJson = record.PayloadJson,
        CorrelationId = record.CorrelationId,
        CreatedAt = record.CreatedAt,
        DueAt = record.DueAt,
    };

    /// <summary>Creates the timer row of a bookmark with a due time. Its id is the bookmark id.</summary>
    public static TimerEntity ToTimer(BookmarkRecord record, DateTimeOffset dueAt) => new()
    {
        Id = record.Id,
        WorkflowInstanceId = record.WorkflowInstanceId,
        BookmarkId = record.Id,
        DueAt = dueAt,
    };
}
