using System.Text.Json.Nodes;
using ModelEngine.HumanTasks.Inbox;
using ModelEngine.HumanTasks.Model;
using ModelEngine.Workflows.Persistence;

namespace ModelEngine.Persistence.Tests.Contracts;

/// <summary>The contract of <see cref="IHumanTaskStore"/>, with tasks created through the committer.</summary>
public abstract class HumanTaskStoreContractTests : WorkflowStoreContractTests
{
    [ContractFact]
    public async Task FindAsync_CreatedTask_RoundTripsEveryField()
    {
        var task = TestData.Task("t1", "i1", HumanTaskStatus.Reserved, "bob", ["carol", "dave"], ["finance"], priority: 3) with
        {
            Description = "Check the amount",
            DueAt = TestData.BaseTime.AddDays(1),
            ResultData = new JsonObject { ["approved"] = true },
            Outcome = "Approve",
            Comment = "fine",
            CompletedBy = "bob",
            UiSchema = new JsonObject { ["amount"] = new JsonObject { ["ui:widget"] = "updown" } },
            DraftData = new JsonObject { ["note"] = "half done" },
            FollowUpAt = TestData.BaseTime.AddHours(5),
            ExcludedUsers = ["erin"],
            ExcludeInitiator = true,
            ExcludePreviousApprovers = true,
            BusinessAdministrators = ["frank"],
            Owner = "gina",
            DelegationState = HumanTaskDelegationState.Pending,
            SuspendedFrom = HumanTaskStatus.InProgress,
            Skippable = true,
            ApprovalPolicy = new ApprovalPolicy { Kind = ApprovalPolicyKind.Parallel, Approvers = ["bob", "group:finance"], Required = 2, RejectEndsVote = true },
            ApprovalStep = 1,
            EscalatedAt = TestData.BaseTime.AddHours(2),
        };
        await CommitAsync(TestData.NewInstance("i1", new HumanTaskCreated(task)));

        var found = await TaskStore.FindAsync("t1").WithTimeout();

        Assert.NotNull(found);
        Assert.Equal(task.Data!.ToJsonString(), found.Data?.ToJsonString());
        Assert.Equal(task.ResultData.ToJsonString(), found.ResultData?.ToJsonString());
        Assert.Equal(task.FormSchema!.ToJsonString(), found.FormSchema?.ToJsonString());
        Assert.Equal(task.CandidateUsers, found.CandidateUsers);
        Assert.Equal(task.CandidateGroups, found.CandidateGroups);
        Assert.Equal(task.Outcomes, found.Outcomes);
        Assert.Equal(task.DueAt, found.DueAt);
        Assert.Equal(task.ETag, found.ETag);
        Assert.Equal(task.UiSchema.ToJsonString(), found.UiSchema?.ToJsonString());
        Assert.Equal(task.DraftData.ToJsonString(), found.DraftData?.ToJsonString());
        Assert.Equal(task.ExcludedUsers, found.ExcludedUsers);
        Assert.Equal(task.BusinessAdministrators, found.BusinessAdministrators);
        Assert.Equal(task.ApprovalPolicy.Approvers, found.ApprovalPolicy?.Approvers);
        Assert.Equal(task.ApprovalPolicy with { Approvers = [] }, found.ApprovalPolicy! with { Approvers = [] });
        var comparable = found with
        {
            Data = task.Data, ResultData = task.ResultData, FormSchema = task.FormSchema, CandidateUsers = task.CandidateUsers,
            CandidateGroups = task.CandidateGroups, Outcomes = task.Outcomes, UiSchema = task.UiSchema, DraftData = task.DraftData,
            ExcludedUsers = task.ExcludedUsers, BusinessAdministrators = task.BusinessAdministrators, ApprovalPolicy = task.ApprovalPolicy,
        };
        Assert.Equal(task, comparable);
    }

    [ContractFact]
    public async Task ListInboxAsync_Visibility_MatchesRules()
    {
        await CommitAsync(TestData.NewInstance(
            "i1",
            new HumanTaskCreated(TestData.Task("assigned", "i1", HumanTaskStatus.Reserved, assignee: "bob")),
            new HumanTaskCreated(TestData.Task("user", "i1", candidateUsers: ["bob", "carol"])),
            new HumanTaskCreated(TestData.Task("group", "i1", candidateGroups: ["finance"])),
            new HumanTaskCreated(TestData.Task("hidden", "i1", candidateGroups: ["hr"], candidateUsers: ["carol"]))));

        var bob = await InboxIdsAsync(TestData.User("bob"));
        var financeMember = await InboxIdsAsync(TestData.User("fred", "finance"));
        var carol = await InboxIdsAsync(TestData.User("carol"));
        var admin = await InboxIdsAsync(TestData.User("root", "admins"));
        var stranger = await InboxIdsAsync(TestData.User("zed", "sales", "designers"));

        Assert.Equal(["assigned", "user"], bob.Order());
        Assert.Equal(["group"], financeMember);
        Assert.Equal(["hidden", "user"], carol.Order());
        Assert.Equal(["assigned", "group", "hidden", "user"], admin.Order());
        Assert.Empty(stranger);
    }

    [ContractFact]
    public async Task ListInboxAsync_ClosedStatuses_AreExcluded()
    {
        var statuses = Enum.GetValues<HumanTaskStatus>();
        await CommitAsync(TestData.NewInstance(
            "i1",
            [.. statuses.Select(status => (object)new HumanTaskCreated(TestData.Task(status.ToString(), "i1", status, candidateUsers: ["bob"])))]));

        var bob = await InboxIdsAsync(TestData.User("bob"));

        Assert.Equal(["InProgress", "Ready", "Reserved"], bob.Order());
    }

    [ContractFact]
    public async Task ListInboxAsync_Order_PriorityThenAge()
    {
        var time = TestData.BaseTime;
        await CommitAsync(TestData.NewInstance(
            "i1",
            new HumanTaskCreated(TestData.Task("low", "i1", candidateUsers: ["bob"], priority: 1, createdAt: time.AddMinutes(-10))),
            new HumanTaskCreated(TestData.Task("high-new", "i1", candidateUsers: ["bob"], priority: 5, createdAt: time)),
            new HumanTaskCreated(TestData.Task("high-old-b", "i1", candidateUsers: ["bob"], priority: 5, createdAt: time.AddMinutes(-5))),
            new HumanTaskCreated(TestData.Task("high-old-a", "i1", candidateUsers: ["bob"], priority: 5, createdAt: time.AddMinutes(-5))),

            // 06:58-05:00 is 11:58 UTC: older than "high-new" although its local clock reads earlier than every other task.
            new HumanTaskCreated(TestData.Task("high-offset", "i1", candidateUsers: ["bob"], priority: 5, createdAt: new DateTimeOffset(2026, 3, 1, 6, 58, 0, TimeSpan.FromHours(-5))))));

        var page = await TaskStore.ListInboxAsync(TestData.User("bob"), new PageRequest(1, 4)).WithTimeout();

        Assert.Equal(5, page.TotalCount);
        Assert.Equal(["high-old-a", "high-old-b", "high-offset", "high-new"], page.Items.Select(t => t.Id));
    }

    [ContractFact]
    public async Task UpdateAsync_ExpectedRevision_ReplacesTask()
    {
        var task = TestData.Task("t1", "i1", candidateUsers: ["bob"]);
        await CommitAsync(TestData.NewInstance("i1", new HumanTaskCreated(task)));

        await TaskStore.UpdateAsync(task with { Status = HumanTaskStatus.Reserved, Assignee = "bob", Revision = 2 }, 1).WithTimeout();

        var stored = await TaskStore.FindAsync("t1").WithTimeout();
        Assert.Equal(HumanTaskStatus.Reserved, stored?.Status);
        Assert.Equal("bob", stored?.Assignee);
        Assert.Equal("\"2\"", stored?.ETag);
    }

    [ContractFact]
    public async Task UpdateAsync_StaleRevision_ThrowsConflict()
    {
        var task = TestData.Task("t1", "i1");
        await CommitAsync(TestData.NewInstance("i1", new HumanTaskCreated(task)));
        await TaskStore.UpdateAsync(task with { Assignee = "bob", Revision = 2 }, 1).WithTimeout();

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => TaskStore.UpdateAsync(task with { Assignee = "carol", Revision = 2 }, 1).WithTimeout());

        Assert.Equal("bob", (await TaskStore.FindAsync("t1").WithTimeout())?.Assignee);
    }

    [ContractFact]
    public async Task UpdateAsync_StalePrevious_ThrowsConflict()
    {
        var task = TestData.Task("t1", "i1");
        await CommitAsync(TestData.NewInstance("i1", new HumanTaskCreated(task)));
        await TaskStore.UpdateAsync(task with { Assignee = "bob", Revision = 2 }, 1).WithTimeout();

        // The caller read revision 1, so the store skips its own read and the update's revision check rejects it.
        var stale = new HumanTaskUpdated(task with { Assignee = "carol", CandidateUsers = ["carol"], Revision = 2 }, 1) { Previous = task };
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => TaskStore.UpdateAsync(stale, null).WithTimeout());

        var stored = await TaskStore.FindAsync("t1").WithTimeout();
        Assert.Equal("bob", stored?.Assignee);
        Assert.Equal(task.CandidateUsers, stored?.CandidateUsers);
    }

    [ContractFact]
    public async Task UpdateAsync_UnknownTask_ThrowsConflict()
    {
        var task = TestData.Task("missing", "i1") with { Revision = 2 };

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => TaskStore.UpdateAsync(task, 1).WithTimeout());
    }

    [ContractFact]
    public async Task UpdateAsync_RevisionNotIncremented_ThrowsArgument()
    {
        var task = TestData.Task("t1", "i1");
        await CommitAsync(TestData.NewInstance("i1", new HumanTaskCreated(task)));

        var exception = await Assert.ThrowsAsync<ArgumentException>(() => TaskStore.UpdateAsync(task, 1).WithTimeout());

        Assert.Contains("must carry revision 2", exception.Message, StringComparison.Ordinal);
    }

    [ContractFact]
    public async Task ListByInstanceAsync_ReturnsTasksOfInstance()
    {
        await CommitAsync(TestData.NewInstance("i1", new HumanTaskCreated(TestData.Task("a", "i1")), new HumanTaskCreated(TestData.Task("b", "i1", HumanTaskStatus.Completed))));
        await CommitAsync(TestData.NewInstance("i2", new HumanTaskCreated(TestData.Task("c", "i2"))));

        var tasks = await TaskStore.ListByInstanceAsync("i1").WithTimeout();

        Assert.Equal(["a", "b"], tasks.Select(t => t.Id).Order());
    }

    private async Task<List<string>> InboxIdsAsync(ModelEngine.Workflows.Security.UserIdentity user)
    {
        var page = await TaskStore.ListInboxAsync(user, new PageRequest()).WithTimeout();
        return [.. page.Items.Select(t => t.Id)];
    }
}
