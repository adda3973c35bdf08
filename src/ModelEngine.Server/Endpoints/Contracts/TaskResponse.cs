using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using ModelEngine.HumanTasks.Model;

namespace ModelEngine.Server.Endpoints.Contracts;

/// <summary>A human task as the inbox and the task endpoints show it.</summary>
public sealed record TaskResponse(
    string Id,
    string Title,
    string? Description,
    JsonNode? Data,
    HumanTaskStatus Status,
    string? Assignee,
    IReadOnlyList<string> CandidateUsers,
    IReadOnlyList<string> CandidateGroups,
    int Priority,
    DateTimeOffset? DueAt,
    DateTimeOffset? OverdueAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? Initiator,
    string WorkflowInstanceId,
    string DefinitionId,
    string ActivityId,
    IReadOnlyList<string> Outcomes,
    JsonNode? FormSchema,
    string? Outcome,
    string? Comment,
    JsonNode? ResultData,
    string? CompletedBy,
    DateTimeOffset? CompletedAt,
    [property: JsonPropertyName("etag")] string ETag)
{
    public static TaskResponse From(HumanTask task) => new(
        task.Id,
        task.Title,
        task.Description,
        task.Data,
        task.Status,
        task.Assignee,
        task.CandidateUsers,
        task.CandidateGroups,
        task.Priority,
        task.DueAt,
        task.OverdueAt,
        task.CreatedAt,
        task.UpdatedAt,
        task.Initiator,
        task.WorkflowInstanceId,
        task.DefinitionId,
        task.ActivityId,
        task.Outcomes,
        task.FormSchema,
        task.Outcome,
        task.Comment,
        task.ResultData,
        task.CompletedBy,
        task.CompletedAt,
        task.ETag);
}
