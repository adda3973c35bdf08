using System.Text.Json;
using System.Text.Json.Nodes;
using ModelEngine.HumanTasks.Model;

namespace ModelEngine.Persistence.EntityFrameworkCore.HumanTasks;

internal static class HumanTaskMapper
{
    private static readonly JsonSerializerOptions PolicyOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

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
        UiSchema = ParseNode(entity.UiSchemaJson),
        DraftData = ParseNode(entity.DraftDataJson),
        FollowUpAt = entity.FollowUpAt,
        ExcludedUsers = ParseList(entity.ExcludedUsersJson),
        ExcludeInitiator = entity.ExcludeInitiator,
        ExcludePreviousApprovers = entity.ExcludePreviousApprovers,
        BusinessAdministrators = ParseList(entity.BusinessAdministratorsJson),
        Owner = entity.Owner,
        DelegationState = entity.DelegationState,
        SuspendedFrom = entity.SuspendedFrom,
        Skippable = entity.Skippable,
        ApprovalPolicy = entity.ApprovalPolicyJson is null ? null : JsonSerializer.Deserialize<ApprovalPolicy>(entity.ApprovalPolicyJson, PolicyOptions),
        ApprovalStep = entity.ApprovalStep,
        EscalatedAt = entity.EscalatedAt,
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
        UiSchemaJson = task.UiSchema?.ToJsonString(),
        DraftDataJson = task.DraftData?.ToJsonString(),
        FollowUpAt = task.FollowUpAt,
        ExcludedUsersJson = FormatList(task.ExcludedUsers),
        ExcludeInitiator = task.ExcludeInitiator,
        ExcludePreviousApprovers = task.ExcludePreviousApprovers,
        BusinessAdministratorsJson = FormatList(task.BusinessAdministrators),
        Owner = task.Owner,
        DelegationState = task.DelegationState,
        SuspendedFrom = task.SuspendedFrom,
        Skippable = task.Skippable,
        ApprovalPolicyJson = task.ApprovalPolicy is null ? null : JsonSerializer.Serialize(task.ApprovalPolicy, PolicyOptions),
        ApprovalStep = task.ApprovalStep,
        EscalatedAt = task.EscalatedAt,
        Revision = revision,
    };

    /// <summary>Creates the candidate rows of a task, one per distinct user and group name.</summary>
    public static IEnumerable<HumanTaskCandidateEntity> ToCandidates(HumanTask task)
    {
        var isInactive = !task.Status.IsOpen();
        foreach (var user in task.CandidateUsers.Distinct(StringComparer.Ordinal))
        {
            yield return new HumanTaskCandidateEntity { TaskId = task.Id, Kind = HumanTaskCandidateEntity.UserKind, Name = user, IsInactive = isInactive };
        }

        foreach (var group in task.CandidateGroups.Distinct(StringComparer.Ordinal))
        {
            yield return new HumanTaskCandidateEntity { TaskId = task.Id, Kind = HumanTaskCandidateEntity.GroupKind, Name = group, IsInactive = isInactive };
        }

        foreach (var administrator in task.BusinessAdministrators.Distinct(StringComparer.Ordinal))
        {
            yield return new HumanTaskCandidateEntity { TaskId = task.Id, Kind = HumanTaskCandidateEntity.AdministratorKind, Name = administrator, IsInactive = isInactive };
        }
    }

    public static string FormatList(IReadOnlyList<string> values) => JsonSerializer.Serialize(values);

    private static string[] ParseList(string? json) => string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<string[]>(json) ?? [];

    private static JsonNode? ParseNode(string? json) => json is null ? null : JsonNode.Parse(json);
}
