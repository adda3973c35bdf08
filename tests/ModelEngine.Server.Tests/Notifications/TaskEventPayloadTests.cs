using System.Text.Json.Nodes;
using ModelEngine.HumanTasks.Model;
using ModelEngine.HumanTasks.Notifications;
using ModelEngine.Server.Notifications.Delivery;
using ModelEngine.Server.Notifications.Email;

namespace ModelEngine.Server.Tests.Notifications;

/// <summary>The outbox payload of a task event, and the e-mail templates rendered from it.</summary>
public sealed class TaskEventPayloadTests
{
    private static readonly DateTimeOffset s_at = new(2026, 12, 5, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Payload_RoundTrip_KeepsEveryField()
    {
        var taskEvent = Event(HumanTaskEventKind.Escalated);

        var message = HumanTaskEventMessage.ToOutboxMessage(taskEvent);
        var read = HumanTaskEventMessage.Deserialize(message.PayloadJson!);

        Assert.Equal(HumanTaskEventMessage.MessageType, message.MessageType);
        Assert.Equal(taskEvent.Id, message.Id);
        Assert.Equal(taskEvent.Task.WorkflowInstanceId, message.WorkflowInstanceId);
        Assert.Equal(taskEvent with { Task = null! }, read with { Task = null! });
        Assert.Equal(HumanTaskEventMessage.Serialize(taskEvent), HumanTaskEventMessage.Serialize(read));
        Assert.Equal(taskEvent.Task.ApprovalPolicy!.Approvers, read.Task.ApprovalPolicy!.Approvers);
        Assert.Equal(2, read.Task.ApprovalPolicy.Required);
        Assert.Equal(taskEvent.Task.CandidateGroups, read.Task.CandidateGroups);
        Assert.Equal(taskEvent.Task.Revision, read.Task.Revision);
    }

    [Theory]
    [InlineData("en", "Task assigned to you: Sign contract", "Task escalated: Sign contract", "Task overdue: Sign contract")]
    [InlineData("zh-CN", "新任务已分配给您：Sign contract", "任务已升级：Sign contract", "任务已逾期：Sign contract")]
    [InlineData("zh", "新任务已分配给您：Sign contract", "任务已升级：Sign contract", "任务已逾期：Sign contract")]
    [InlineData("fr", "Task assigned to you: Sign contract", "Task escalated: Sign contract", "Task overdue: Sign contract")]
    public void Templates_EveryMailedKind_RenderInLanguage(string language, string assigned, string escalated, string overdue)
    {
        var expected = new Dictionary<HumanTaskEventKind, string>
        {
            [HumanTaskEventKind.Assigned] = assigned,
            [HumanTaskEventKind.Escalated] = escalated,
            [HumanTaskEventKind.Overdue] = overdue,
        };

        Assert.Equal(expected.Keys.Order(), TaskEventDeliveryPlanner.EmailKinds.Order());
        foreach (var (kind, subject) in expected)
        {
            var (renderedSubject, body) = EmailTemplates.Render(Event(kind), "wang", language);
            Assert.Equal(subject, renderedSubject);
            Assert.Contains("task-7", body);
            Assert.Contains("instance-7", body);
            Assert.Contains("2026-12-06 17:00 UTC", body);
            Assert.DoesNotContain("{{", body);
        }
    }

    private static HumanTaskEvent Event(HumanTaskEventKind kind) => new()
    {
        Id = "event-7",
        Kind = kind,
        Actor = "admin",
        OnBehalfOf = "carol",
        PreviousAssignee = "bob",
        At = s_at,
        Task = new HumanTask
        {
            Id = "task-7",
            WorkflowInstanceId = "instance-7",
            DefinitionId = "contracts",
            ActivityId = "sign",
            ActivityInstanceId = "activity-7",
            BookmarkId = "bookmark-7",
            Title = "Sign contract",
            Description = "Sign the supplier contract.",
            Data = new JsonObject { ["amount"] = 1200, ["supplier"] = "Acme" },
            Status = HumanTaskStatus.Reserved,
            Assignee = "wang",
            CandidateUsers = ["wang", "li"],
            CandidateGroups = ["legal"],
            Outcomes = ["Approve", "Reject"],
            Priority = 3,
            DueAt = s_at.AddHours(31.5),
            CreatedAt = s_at.AddHours(-1),
            UpdatedAt = s_at,
            Initiator = "alice",
            FormSchema = new JsonObject { ["type"] = "object" },
            DraftData = new JsonObject { ["note"] = "draft" },
            ExcludedUsers = ["alice"],
            ExcludeInitiator = true,
            BusinessAdministrators = ["boss"],
            Owner = "carol",
            DelegationState = HumanTaskDelegationState.Pending,
            Skippable = true,
            ApprovalPolicy = new ApprovalPolicy { Kind = ApprovalPolicyKind.Parallel, Approvers = ["wang", "group:legal"], Required = 2, RejectEndsVote = true },
            ApprovalStep = 1,
            EscalatedAt = s_at,
            Revision = 4,
        },
    };
}
