using System.Text.Json.Nodes;

namespace ModelEngine.Studio.Api.Tasks;

/// <summary>A human task in the shape of <c>GET /api/tasks/{id}</c>. Statuses follow WS-HumanTask.</summary>
public sealed record HumanTask
{
    public required string Id { get; init; }

    public string Title { get; init; } = string.Empty;

    public string? Description { get; init; }

    public JsonObject? Data { get; init; }

    /// <summary>One of <c>Ready</c>, <c>Reserved</c>, <c>InProgress</c>, <c>Suspended</c>, <c>Completed</c>, <c>Failed</c>, <c>Exited</c>, <c>Obsolete</c>.</summary>
    public string Status { get; init; } = string.Empty;

    /// <summary>The holder, or <see langword="null"/> while no user holds the task.</summary>
    public string? Assignee { get; init; }

    public string? Owner { get; init; }

    public IReadOnlyList<string> CandidateUsers { get; init; } = [];

    public IReadOnlyList<string> CandidateGroups { get; init; } = [];

    public int Priority { get; init; }

    public DateTimeOffset? DueAt { get; init; }

    /// <summary>The time the due-date timer fired, or <see langword="null"/> while the task is not overdue.</summary>
    public DateTimeOffset? OverdueAt { get; init; }

    public DateTimeOffset? CreatedAt { get; init; }

    public DateTimeOffset? UpdatedAt { get; init; }

    public string? Initiator { get; init; }

    public string? WorkflowInstanceId { get; init; }

    public string? DefinitionId { get; init; }

    public IReadOnlyList<string> Outcomes { get; init; } = [];

    public bool HasDraft { get; init; }

    public string? Outcome { get; init; }

    public string? Comment { get; init; }

    public string? CompletedBy { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>The strong ETag of the task's revision, quotes included (<c>"3"</c>), for <c>If-Match</c>.</summary>
    public string? Etag { get; init; }

    /// <summary>Whether the task is <c>Ready</c>, <c>Reserved</c> or <c>InProgress</c>.</summary>
    public bool IsOpen => Status is "Ready" or "Reserved" or "InProgress";
}
