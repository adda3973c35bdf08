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

    /// <summary>Hints for rendering <see cref="FormSchema"/>, passed to the form as they are.</summary>
    public JsonNode? UiSchema { get; init; }

    /// <summary>Form data saved without completing the task.</summary>
    public JsonNode? DraftData { get; init; }

    /// <summary>When the reviewer wants to look at the task again; it does not change the status.</summary>
    public DateTimeOffset? FollowUpAt { get; init; }

    /// <summary>
    /// Users who may not claim, start, complete or receive the task (four-eyes). It contains the users named by the
    /// activity, plus the initiator and the earlier approvers of the instance when the activity sets
    /// <see cref="ExcludeInitiator"/> or <see cref="ExcludePreviousApprovers"/>.
    /// </summary>
    public IReadOnlyList<string> ExcludedUsers { get; init; } = [];

    /// <summary>Whether the instance's initiator is in <see cref="ExcludedUsers"/>.</summary>
    public bool ExcludeInitiator { get; init; }

    /// <summary>Whether the users who completed earlier tasks of the instance are in <see cref="ExcludedUsers"/>.</summary>
    public bool ExcludePreviousApprovers { get; init; }

    /// <summary>Users who administer this task: they see it and may act on it, or on behalf of someone else.</summary>
    public IReadOnlyList<string> BusinessAdministrators { get; init; } = [];

    /// <summary>The user who delegated the task and gets it back when the delegate resolves it.</summary>
    public string? Owner { get; init; }

    /// <summary><see langword="null"/> when the task was never delegated.</summary>
    public HumanTaskDelegationState? DelegationState { get; init; }

    /// <summary>The status a Suspended task returns to when it is resumed.</summary>
    public HumanTaskStatus? SuspendedFrom { get; init; }

    /// <summary>Whether a holder or an administrator may skip the task.</summary>
    public bool Skippable { get; init; }

    /// <summary>The multi-approver policy of the activity that created the task, or <see langword="null"/> for a single task.</summary>
    public ApprovalPolicy? ApprovalPolicy { get; init; }

    /// <summary>The task's place among the approvers of <see cref="ApprovalPolicy"/>, starting at 0.</summary>
    public int ApprovalStep { get; init; }

    /// <summary>When a deadline action last escalated the task.</summary>
    public DateTimeOffset? EscalatedAt { get; init; }

    public long Revision { get; init; }

    public string ETag => $"\"{Revision}\"";
}
