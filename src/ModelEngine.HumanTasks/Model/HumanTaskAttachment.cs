namespace ModelEngine.HumanTasks.Model;

/// <summary>
/// A file on a task. As a commit change it stores the file with <see cref="Content"/>; lists leave the content empty.
/// </summary>
public sealed record HumanTaskAttachment
{
    public required string Id { get; init; }

    public required string TaskId { get; init; }

    public required string FileName { get; init; }

    public required string ContentType { get; init; }

    public required long Size { get; init; }

    public required string UploadedBy { get; init; }

    public string? OnBehalfOf { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public ReadOnlyMemory<byte> Content { get; init; }
}
