using ModelEngine.HumanTasks.Model;

namespace ModelEngine.Persistence.EntityFrameworkCore.HumanTasks;

/// <summary>
/// A row of the HumanTasks table. JSON values are kept as text. The candidate lists are kept here in their given order
/// and are also written to the HumanTaskCandidates table, which the inbox query filters on.
/// </summary>
internal sealed class HumanTaskEntity
{
    public required string Id { get; set; }

    public required string WorkflowInstanceId { get; set; }

    public required string DefinitionId { get; set; }

    public required string ActivityId { get; set; }

    public required string ActivityInstanceId { get; set; }

    public required string BookmarkId { get; set; }

    public required string Title { get; set; }

    public string? Description { get; set; }

    public string? DataJson { get; set; }

    public HumanTaskStatus Status { get; set; }

    public string? Assignee { get; set; }

    public required string CandidateUsersJson { get; set; }

    public required string CandidateGroupsJson { get; set; }

    public required string OutcomesJson { get; set; }

    public int Priority { get; set; }

    public DateTimeOffset? DueAt { get; set; }

    public DateTimeOffset? OverdueAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public string? Initiator { get; set; }

    public string? Outcome { get; set; }

    public string? Comment { get; set; }

    public string? ResultDataJson { get; set; }

    public string? CompletedBy { get; set; }

    public string? FormSchemaJson { get; set; }

    public string? UiSchemaJson { get; set; }

    public string? DraftDataJson { get; set; }

    public DateTimeOffset? FollowUpAt { get; set; }

    public required string ExcludedUsersJson { get; set; }

    public bool ExcludeInitiator { get; set; }

    public bool ExcludePreviousApprovers { get; set; }

    public required string BusinessAdministratorsJson { get; set; }

    public string? Owner { get; set; }

    public HumanTaskDelegationState? DelegationState { get; set; }

    public HumanTaskStatus? SuspendedFrom { get; set; }

    public bool Skippable { get; set; }

    public string? ApprovalPolicyJson { get; set; }

    public int ApprovalStep { get; set; }

    public DateTimeOffset? EscalatedAt { get; set; }

    /// <summary>The concurrency token and the task's ETag.</summary>
    public long Revision { get; set; }
}
