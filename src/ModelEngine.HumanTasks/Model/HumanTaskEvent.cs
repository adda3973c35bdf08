using System.Text.Json.Nodes;

namespace ModelEngine.HumanTasks.Model;

/// <summary>
/// A change of a task that inboxes, webhooks and e-mail hear about. It is a commit change, written in the transaction
/// of the task change it reports and delivered after the commit. <see cref="Task"/> is the task after the change, and
/// <see cref="PreviousAssignee"/> the holder before it, so that a recipient who lost the task is notified too.
/// </summary>
public sealed record HumanTaskEvent
{
    /// <summary>Unique per event; receivers use it to drop a repeated delivery.</summary>
    public required string Id { get; init; }

    public required HumanTaskEventKind Kind { get; init; }

    public required HumanTask Task { get; init; }

    public required string Actor { get; init; }

    public string? OnBehalfOf { get; init; }

    public string? PreviousAssignee { get; init; }

    public required DateTimeOffset At { get; init; }

    /// <summary>Facts about the change that the task does not hold, such as the deadline and target of an escalation.</summary>
    public JsonObject? Details { get; init; }
}
