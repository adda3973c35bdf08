namespace ModelEngine.Persistence.EntityFrameworkCore.HumanTasks;

/// <summary>A row of the HumanTaskAttachments table, with the file's bytes.</summary>
internal sealed class HumanTaskAttachmentEntity
{
    public required string Id { get; set; }

    public required string TaskId { get; set; }

    public required string FileName { get; set; }

    public required string ContentType { get; set; }

    public long Size { get; set; }

    public required string UploadedBy { get; set; }

    public string? OnBehalfOf { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public required byte[] Content { get; set; }
}
