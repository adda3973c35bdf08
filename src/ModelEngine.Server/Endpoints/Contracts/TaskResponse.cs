using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using ModelEngine.HumanTasks.Model;

namespace ModelEngine.Server.Endpoints.Contracts;

/// <summary>A human task as the inbox and the task endpoints show it.</summary>
public sealed record TaskResponse
{
    public required string Id { get; init; }

    public required string Title { get; init; }

    public string? Description { get; init; }

    public JsonNode? Data { get; init; }

    public required HumanTaskStatus Status { get; init; }

    public string? Assignee { get; init; }

    /// <summary>The user who delegated the task and gets it back.</summary>
    public string? Owner { get; init; }

    public HumanTaskDelegationState? DelegationState { get; init; }

    public required IReadOnlyList<string> CandidateUsers { get; init; }

    public required IReadOnlyList<string> CandidateGroups { get; init; }

    public required IReadOnlyList<string> BusinessAdministrators { get; init; }

    public required IReadOnlyList<string> ExcludedUsers { get; init; }

    public int Priority { get; init; }

    public DateTimeOffset? DueAt { get; init; }

    public DateTimeOffset? OverdueAt { get; init; }

    public DateTimeOffset? FollowUpAt { get; init; }

    public DateTimeOffset? EscalatedAt { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public string? Initiator { get; init; }

    public required string WorkflowInstanceId { get; init; }

    public required string DefinitionId { get; init; }

    public required string ActivityId { get; init; }

    public required IReadOnlyList<string> Outcomes { get; init; }

    public bool Skippable { get; init; }

    public JsonNode? FormSchema { get; init; }

    /// <summary>Whether a draft is saved; <c>GET /api/tasks/{id}/form</c> returns it.</summary>
    public bool HasDraft { get; init; }

    public ApprovalPolicy? ApprovalPolicy { get; init; }

    public int ApprovalStep { get; init; }

    public string? Outcome { get; init; }

    public string? Comment { get; init; }

    public JsonNode? ResultData { get; init; }

    public string? CompletedBy { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    [JsonPropertyName("etag")]
    public required string ETag { get; init; }

    public static TaskResponse From(HumanTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return new TaskResponse
        {
            Id = task.Id,
            Title = task.Title,
            Description = task.Description,
            Data = task.Data,
            Status = task.Status,
            Assignee = task.Assignee,
            Owner = task.Owner,
            DelegationState = task.DelegationState,
            CandidateUsers = task.CandidateUsers,
            CandidateGroups = task.CandidateGroups,
            BusinessAdministrators = task.BusinessAdministrators,
            ExcludedUsers = task.ExcludedUsers,
            Priority = task.Priority,
            DueAt = task.DueAt,
            OverdueAt = task.OverdueAt,
            FollowUpAt = task.FollowUpAt,
            EscalatedAt = task.EscalatedAt,
            CreatedAt = task.CreatedAt,
            UpdatedAt = task.UpdatedAt,
            Initiator = task.Initiator,
            WorkflowInstanceId = task.WorkflowInstanceId,
            DefinitionId = task.DefinitionId,
            ActivityId = task.ActivityId,
            Outcomes = task.Outcomes,
            Skippable = task.Skippable,
            FormSchema = task.FormSchema,
            HasDraft = task.DraftData is not null,
            ApprovalPolicy = task.ApprovalPolicy,
            ApprovalStep = task.ApprovalStep,
            Outcome = task.Outcome,
            Comment = task.Comment,
            ResultData = task.ResultData,
            CompletedBy = task.CompletedBy,
            CompletedAt = task.CompletedAt,
            ETag = task.ETag,
        };
    }
}
