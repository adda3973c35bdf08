namespace ModelEngine.HumanTasks.Model;

/// <summary>A note on a task. It is also a commit change that stores the note.</summary>
public sealed record HumanTaskComment
{
    public required string Id { get; init; }

    public required string TaskId { get; init; }

    public required string Author { get; init; }

    public string? OnBehalfOf { get; init; }

    public required string Text { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
}
