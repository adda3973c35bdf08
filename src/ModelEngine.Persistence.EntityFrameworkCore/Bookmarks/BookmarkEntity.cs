namespace ModelEngine.Persistence.EntityFrameworkCore.Bookmarks;

/// <summary>A row of the Bookmarks table.</summary>
internal sealed class BookmarkEntity
{
    public required string Id { get; set; }

    public required string WorkflowInstanceId { get; set; }

    public required string ActivityId { get; set; }

    public required string ActivityInstanceId { get; set; }

    public required string Name { get; set; }

    public string? PayloadJson { get; set; }

    public string? CorrelationId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? DueAt { get; set; }
}
