using System.Text.Json.Nodes;

namespace ModelEngine.HumanTasks.Model;

/// <summary>
/// One transition of a task, written in the transaction of the change it records and listed by
/// <c>GET /api/tasks/{id}/history</c>. <see cref="Actor"/> is who made the call; <see cref="OnBehalfOf"/> is the user
/// they acted for, as an administrator or a substitute.
/// </summary>
public sealed record HumanTaskHistoryEntry
{
    public required string Id { get; init; }

    public required string TaskId { get; init; }

    public required string WorkflowInstanceId { get; init; }

    /// <summary>The operation, one of <see cref="HumanTaskActions"/>.</summary>
    public required string Action { get; init; }

    /// <summary>The caller, or <c>system</c> for the engine's own changes such as a deadline.</summary>
    public required string Actor { get; init; }

    public string? OnBehalfOf { get; init; }

    public required DateTimeOffset At { get; init; }

    public HumanTaskStatus? StatusBefore { get; init; }

    public required HumanTaskStatus StatusAfter { get; init; }

    public JsonObject? Details { get; init; }
}
