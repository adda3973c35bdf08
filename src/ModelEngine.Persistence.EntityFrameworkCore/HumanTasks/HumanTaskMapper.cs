using System.Text.Json;
using System.Text.Json.Nodes;
using ModelEngine.HumanTasks.Model;

namespace ModelEngine.Persistence.EntityFrameworkCore.HumanTasks;

internal static class HumanTaskMapper
{
    public static HumanTask ToTask(HumanTaskEntity entity) => new()
    {
        Id = entity.Id,
        WorkflowInstanceId = entity.WorkflowInstanceId,
        DefinitionId = entity.DefinitionId,
        ActivityId = entity.ActivityId,
        ActivityInstanceId = entity.ActivityInstanceId,
        BookmarkId = entity.BookmarkId,
        Title = entity.Title,
        Description = entity.Description,
        Data = ParseNode(entity.DataJson),
        Status = entity.Status,
        Assignee = entity.Assignee,
        CandidateUsers = ParseList(entity.CandidateUsersJson),
        CandidateGroups = ParseList(entity.CandidateGroupsJson),
        Outcomes = ParseList(entity.OutcomesJson),
        Priority = entity.Priority,
        DueAt = entity.DueAt,
        OverdueAt = entity.OverdueAt,
        CreatedAt = entity.CreatedAt,
        UpdatedAt = entity.UpdatedAt,
        CompletedAt = entity.CompletedAt,
        Initiator = entity.Initiator,
        Outcome = entity.Outcome,
        Comment = entity.Comment,
        ResultData = ParseNode(entity.ResultDataJson),
        CompletedBy = entity.CompletedBy,
        FormSchema = ParseNode(entity.FormSchemaJson),
        Revision = entity.Revision,
    };

    public static HumanTaskEntity ToEntity(HumanTask task, long revision) => new()
    {
        Id = task.Id,
        WorkflowInstanceId = task.WorkflowInstanceId,
        DefinitionId = task.DefinitionId,
        ActivityId = task.ActivityId,
        ActivityInstanceId = task.ActivityInstanceId,
        BookmarkId = task.BookmarkId,
        Title = task.Title,
        Description = task.Description,
        DataJson = task.Data?.ToJsonString(),
        Status = task.Status,
        Assignee = task.Assignee,
        CandidateUsersJson = FormatList(task.CandidateUsers),
        CandidateGroupsJson = FormatList(task.CandidateGroups),
        OutcomesJson = FormatList(task.Outcomes),
        Priority = task.Priority,
        DueAt = task.DueAt,
        OverdueAt = task.OverdueAt,
        CreatedAt = task.CreatedAt,
        UpdatedAt = task.UpdatedAt,
        CompletedAt = task.CompletedAt,
        Initiator = task.Initiator,
        Outcome = task.Outcome,
        Comment = task.Comment,
        ResultDataJson = task.ResultData?.ToJsonString(),
        CompletedBy = task.CompletedBy,
        FormSchemaJson = task.FormSchema?.ToJsonString(),
        Revision = revision,
    };

    /// <summary>Creates the candidate rows of a task, one per distinct user and group name.</summary>
    public static IEnumerable<HumanTaskCandidateEntity> ToCandidates(HumanTask task)
    {
        foreach (var user in task.CandidateUsers.Distinct(StringComparer.Ordinal))
        {
            yield return new HumanTaskCandidateEntity { TaskId = task.Id, Kind = HumanTaskCandidateEntity.UserKind, Name = user };
        }

        foreach (var group in task.CandidateGroups.Distinct(StringComparer.Ordinal))
        {
            yield return new HumanTaskCandidateEntity { TaskId = task.Id, Kind = HumanTaskCandidateEntity.GroupKind, Name = group };
        }
    }

    public static string FormatList(IReadOnlyList<string> values) => JsonSerializer.Serialize(values);

    private static string[] ParseList(string json) => JsonSerializer.Deserialize<string[]>(json) ?? [];

    private static JsonNode? ParseNode(string? json) => json is null ? null : JsonNode.Parse(json);
}
