using System.Text.Json.Nodes;
using ModelEngine.HumanTasks.Model;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Runtime;
using ModelEngine.Workflows.Security;

namespace ModelEngine.Persistence.Tests.Contracts;

/// <summary>Builds records for the contract tests. Times are fixed, so that ordering checks do not depend on the clock.</summary>
internal static class TestData
{
    public static readonly DateTimeOffset BaseTime = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static WorkflowInstanceSummary Summary(
        string id,
        WorkflowSubStatus subStatus = WorkflowSubStatus.Suspended,
        string definitionId = "order-approval",
        string? correlationId = null,
        string? initiator = "alice",
        DateTimeOffset? createdAt = null,
        long revision = 1) => new()
    {
        Id = id,
        DefinitionId = definitionId,
        DefinitionVersionId = definitionId + ":v1",
        Version = 1,
        SubStatus = subStatus,
        CorrelationId = correlationId,
        Name = "Order " + id,
        Initiator = initiator,
        CreatedAt = createdAt ?? BaseTime,
        UpdatedAt = createdAt ?? BaseTime,
        Revision = revision,
    };

    public static WorkflowCommit NewInstance(string id, params object[] changes) => new()
    {
        Summary = Summary(id),
        StateJson = """{"step":0}""",
        Changes = changes,
    };

    public static JournalEntry Journal(string instanceId, long sequence) => new(
        instanceId, sequence, BaseTime.AddSeconds(sequence), "ActivityCompleted", "a" + sequence, "WriteLine", "line " + sequence, """{"n":1}""");

    public static BookmarkRecord Bookmark(string id, string instanceId, string name = "UserTask", DateTimeOffset? dueAt = null, DateTimeOffset? createdAt = null) => new(
        id, instanceId, "act-" + id, "ai-" + id, name, """{"p":1}""", null, createdAt ?? BaseTime, dueAt);

    public static HumanTask Task(
        string id,
        string instanceId,
        HumanTaskStatus status = HumanTaskStatus.Ready,
        string? assignee = null,
        string[]? candidateUsers = null,
        string[]? candidateGroups = null,
        int priority = 0,
        DateTimeOffset? createdAt = null,
        string? activityInstanceId = null) => new()
    {
        Id = id,
        WorkflowInstanceId = instanceId,
        DefinitionId = "order-approval",
        ActivityId = "approve",
        ActivityInstanceId = activityInstanceId ?? "ai-" + id,
        BookmarkId = "bm-" + id,
        Title = "Approve " + id,
        Data = new JsonObject { ["amount"] = 1200, ["item"] = "laptop" },
        Status = status,
        Assignee = assignee,
        CandidateUsers = candidateUsers ?? [],
        CandidateGroups = candidateGroups ?? [],
        Outcomes = ["Approve", "Reject"],
        Priority = priority,
        CreatedAt = createdAt ?? BaseTime,
        UpdatedAt = createdAt ?? BaseTime,
        Initiator = "alice",
        FormSchema = new JsonObject { ["type"] = "object" },
        Revision = 1,
    };

    public static UserIdentity User(string name, params string[] groups) => new(name, new HashSet<string>(groups));

    public static WorkflowDefinitionRecord Definition(string definitionId, int version, bool isLatest, bool isPublished, string? name = null) => new()
    {
        Id = $"{definitionId}:v{version}",
        DefinitionId = definitionId,
        Version = version,
        Name = name ?? definitionId,
        IsLatest = isLatest,
        IsPublished = isPublished,
        CreatedAt = BaseTime.AddMinutes(version),
        UpdatedAt = BaseTime.AddMinutes(version),
        CreatedBy = "designer",
        ModelJson = $$$"""{"definitionId":"{{{definitionId}}}","version":{{{version}}},"root":{"type":"ModelEngine.Flowchart","custom":[1,2]}}""",
    };
}
