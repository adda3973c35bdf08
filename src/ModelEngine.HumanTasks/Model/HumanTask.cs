using System.Text.Json.Nodes;

namespace ModelEngine.HumanTasks.Model;

/// <summary>
/// An approval task created by a UserTask activity. It is resolved by resuming <see cref="BookmarkId"/> of its
/// instance. <see cref="Revision"/> increases with each change and is the task's ETag.
/// </summary>
public sealed record HumanTask
{
    public required string Id { get; init; }

    public required string WorkflowInstanceId { get; init; }

    public required string DefinitionId { get; init; }

    public required string ActivityId { get; init; }

    public required string ActivityInstanceId { get; init; }

    public required string BookmarkId { get; init; }

    public required string Title { get; init; }

    public string? Description { get; init; }

    /// <summary>The business object shown to the reviewer, such as amount, item and requester.</summary>
    public JsonNode? Data { get; init; }

    public required HumanTaskStatus Status { get; init; }

    /// <summary>The holder of a Reserved or InProgress task.</summary>
    public string? Assignee { get; init; }

    public IReadOnlyList<string> CandidateUsers { get; init; } = [];

    public IReadOnlyList<string> CandidateGroups { get; init; } = [];

    public IReadOnlyList<string> Outcomes { get; init; } = [];

    public int Priority { get; init; }

    public DateTimeOffset? DueAt { get; init; }

    /// <summary>When the due-date timer found the task still open; <see langword="null"/> while it is not overdue.</summary>
    public DateTimeOffset? OverdueAt { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>Who started the instance.</summary>
    public string? Initiator { get; init; }

    public string? Outcome { get; init; }

    public string? Comment { get; init; }

    public JsonNode? ResultData { get; init; }

    public string? CompletedBy { get; init; }

    /// <summary>An optional JSON Schema that completion data must satisfy.</summary>
    public JsonNode? FormSchema { get; init; }

    public long Revision { get; init; }

    public string ETag => $"\"{Revision}\"";
}
