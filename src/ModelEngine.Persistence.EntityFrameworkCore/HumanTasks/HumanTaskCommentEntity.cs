namespace ModelEngine.Persistence.EntityFrameworkCore.HumanTasks;

/// <summary>A row of the HumanTaskComments table.</summary>
internal sealed class HumanTaskCommentEntity
{
    public required string Id { get; set; }

    public required string TaskId { get; set; }

    public required string Author { get; set; }

    public string? OnBehalfOf { get; set; }

    public required string Text { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
