using Microsoft.Extensions.DependencyInjection;
using ModelEngine.HumanTasks.Filters;
using ModelEngine.HumanTasks.Inbox;
using ModelEngine.HumanTasks.Model;
using ModelEngine.HumanTasks.Search;
using ModelEngine.HumanTasks.Substitutes;
using ModelEngine.Workflows.Security;

namespace ModelEngine.Persistence.Tests.Contracts;

/// <summary>The contract of <see cref="ITaskSearch"/>, <see cref="ISavedTaskFilterStore"/> and <see cref="ISubstituteStore"/>.</summary>
public abstract class TaskSearchContractTests : WorkflowStoreContractTests
{
    private static readonly UserIdentity Admin = TestData.User("root", "admins");

    private ITaskSearch Search => Services.GetRequiredService<ITaskSearch>();

    private ISubstituteStore Substitutes => Services.GetRequiredService<ISubstituteStore>();

    private ISavedTaskFilterStore Filters => Services.GetRequiredService<ISavedTaskFilterStore>();

    [ContractFact]
    public async Task Search_Visibility_FollowsTaskAccess()
    {
        await CommitAsync(TestData.NewInstance(
            "i1",
            new HumanTaskCreated(TestData.Task("assigned", "i1", HumanTaskStatus.Reserved, assignee: "bob")),
            new HumanTaskCreated(TestData.Task("owned", "i1", HumanTaskStatus.Reserved, assignee: "carol") with { Owner = "bob" }),
            new HumanTaskCreated(TestData.Task("user", "i1", candidateUsers: ["bob"])),
            new HumanTaskCreated(TestData.Task("group", "i1", candidateGroups: ["finance"])),
            new HumanTaskCreated(TestData.Task("administered", "i1", candidateGroups: ["hr"]) with { BusinessAdministrators = ["bob"] }),
            new HumanTaskCreated(TestData.Task("hidden", "i1", candidateGroups: ["hr"], candidateUsers: ["carol"]))));

        Assert.Equal(["administered", "assigned", "owned", "user"], await IdsAsync(TestData.User("bob")));
        Assert.Equal(["group"], await IdsAsync(TestData.User("fred", "finance")));
        Assert.Equal(["administered", "assigned", "group", "hidden", "owned", "user"], await IdsAsync(Admin));
        Assert.Empty(await IdsAsync(TestData.User("zed", "sales")));
    }

    [ContractFact]
    public async Task Inbox_OwnerAndBusinessAdministrator_SeeTask()
    {
        await CommitAsync(TestData.NewInstance(
            "i1",
            new HumanTaskCreated(TestData.Task("owned", "i1", HumanTaskStatus.Reserved, assignee: "carol") with { Owner = "bob" }),
            new HumanTaskCreated(TestData.Task("administered", "i1", candidateGroups: ["hr"]) with { BusinessAdministrators = ["bob"] }),
            new HumanTaskCreated(TestData.Task("hidden", "i1", candidateGroups: ["hr"]))));

        var inbox = await TaskStore.ListInboxAsync(TestData.User("bob"), new ModelEngine.Workflows.Persistence.PageRequest(1, 50)).WithTimeout();

        Assert.Equal(["administered", "owned"], inbox.Items.Select(task => task.Id).Order(StringComparer.Ordinal));
    }

    [ContractFact]
    public async Task Search_Substitute_SeesPrincipalTasksOnlyWhileActive()
    {
        await CommitAsync(TestData.NewInstance(
            "i1",
            new HumanTaskCreated(TestData.Task("held", "i1", HumanTaskStatus.Reserved, assignee: "bob")),
            new HumanTaskCreated(TestData.Task("offered", "i1", candidateUsers: ["bob"])),
            new HumanTaskCreated(TestData.Task("group", "i1", candidateGroups: ["bobs-team"]))));
        await Substitutes.AddAsync(new SubstituteRule
        {
            Id = "r1", User = "bob", Substitute = "dave", From = TestData.BaseTime, To = TestData.BaseTime.AddDays(7),
            CreatedBy = "bob", CreatedAt = TestData.BaseTime,
        }).WithTimeout();

        var during = await IdsAsync(TestData.User("dave"), now: TestData.BaseTime.AddDays(1));
        var after = await IdsAsync(TestData.User("dave"), now: TestData.BaseTime.AddDays(7));

        Assert.Equal(["held", "offered"], during);
        Assert.Empty(after);
    }

    [ContractFact]
    public async Task Search_EachFilter_SelectsMatchingTasks()
    {
        var due = TestData.BaseTime.AddDays(1);
        await CommitAsync(TestData.NewInstance(
            "i1",
            new HumanTaskCreated(TestData.Task("ready", "i1", candidateGroups: ["finance"], priority: 1) with { DueAt = due }),
            new HumanTaskCreated(TestData.Task("reserved", "i1", HumanTaskStatus.Reserved, assignee: "bob", candidateGroups: ["finance"], priority: 5) with { DueAt = due.AddHours(1) }),
            new HumanTaskCreated(TestData.Task("done", "i1", HumanTaskStatus.Completed, candidateGroups: ["finance"], priority: 9)),
            new HumanTaskCreated(TestData.Task("offered", "i1", candidateUsers: ["fred"], priority: 3)),
            new HumanTaskCreated(TestData.Task("other-definition", "i1", candidateGroups: ["hr"]) with { DefinitionId = "leave" })));
        await CommitAsync(TestData.NewInstance("i2", new HumanTaskCreated(TestData.Task("second-instance", "i2", candidateGroups: ["hr"]))));
        var fred = TestData.User("fred", "finance");

        Assert.Equal(["offered", "ready", "reserved"], await IdsAsync(fred, new TaskSearchFilter()));
        Assert.Equal(["done"], await IdsAsync(Admin, new TaskSearchFilter { Status = [HumanTaskStatus.Completed] }));
        Assert.Equal(["done", "reserved"], await IdsAsync(Admin, new TaskSearchFilter { Status = [HumanTaskStatus.Completed, HumanTaskStatus.Reserved] }));
        Assert.Equal(["reserved"], await IdsAsync(Admin, new TaskSearchFilter { Assignee = "bob" }));
        Assert.Equal(["offered", "ready", "reserved"], await IdsAsync(fred, new TaskSearchFilter { CandidateOfMe = true }));
        Assert.Equal(["offered"], await IdsAsync(TestData.User("fred"), new TaskSearchFilter { CandidateOfMe = true }));
        Assert.Equal(["ready", "reserved"], await IdsAsync(Admin, new TaskSearchFilter { Group = "finance" }));
        Assert.Equal(["other-definition"], await IdsAsync(Admin, new TaskSearchFilter { DefinitionId = "leave" }));
        Assert.Equal(["second-instance"], await IdsAsync(Admin, new TaskSearchFilter { WorkflowInstanceId = "i2" }));
        Assert.Equal(["ready"], await IdsAsync(Admin, new TaskSearchFilter { DueBefore = due.AddMinutes(30) }));
        Assert.Equal(["reserved"], await IdsAsync(Admin, new TaskSearchFilter { DueAfter = due.AddMinutes(30) }));
        Assert.Equal(["ready", "reserved"], await IdsAsync(Admin, new TaskSearchFilter { DueAfter = due }));
        Assert.Equal(["offered", "reserved"], await IdsAsync(Admin, new TaskSearchFilter { MinPriority = 3 }));
        Assert.Equal(["offered"], await IdsAsync(Admin, new TaskSearchFilter { MinPriority = 3, MaxPriority = 3 }));
        Assert.Equal(["offered", "other-definition", "ready", "second-instance"], await IdsAsync(Admin, new TaskSearchFilter { MaxPriority = 3 }));
    }

    [ContractFact]
    public async Task Search_TaskLeavesOpen_MovesToItsStatus()
    {
        var task = TestData.Task("t1", "i1", HumanTaskStatus.Reserved, assignee: "bob", candidateGroups: ["finance"]);
        await CommitAsync(TestData.NewInstance("i1", new HumanTaskCreated(task)));
        var fred = TestData.User("fred", "finance");
        var completedOnly = new TaskSearchFilter { Status = [HumanTaskStatus.Completed] };
        var openOnly = await IdsAsync(fred);

        await TaskStore.UpdateAsync(task with { Status = HumanTaskStatus.Completed, Revision = 2 }, expectedRevision: 1).WithTimeout();
        var openAfterCompletion = await IdsAsync(fred);
        var completed = await IdsAsync(fred, completedOnly);
        var counts = (await Search.SearchAsync(fred, new TaskSearchRequest(), TestData.BaseTime).WithTimeout()).Counts;

        await TaskStore.UpdateAsync(task with { Status = HumanTaskStatus.Ready, Assignee = null, Revision = 3 }, expectedRevision: 2).WithTimeout();
        var openAfterReopen = await IdsAsync(fred);

        Assert.Equal(["t1"], openOnly);
        Assert.Empty(openAfterCompletion);
        Assert.Equal(["t1"], completed);
        Assert.Equal(0, counts.MyGroups);
        Assert.Equal(["t1"], openAfterReopen);
    }

    [ContractFact]
    public async Task Search_ClosedTasks_StayVisibleByStatus()
    {
        await CommitAsync(TestData.NewInstance("i1", new HumanTaskCreated(TestData.Task("t1", "i1", candidateGroups: ["finance"], activityInstanceId: "ai-1"))));
        await CommitAsync(new ModelEngine.Workflows.Persistence.WorkflowCommit
        {
            Summary = TestData.Summary("i1", revision: 2),
            StateJson = "{}",
            ExpectedRevision = 1,
            Changes = [new HumanTaskClosed("ai-1", HumanTaskStatus.Obsolete, TestData.BaseTime)],
        });
        var fred = TestData.User("fred", "finance");

        Assert.Empty(await IdsAsync(fred));
        Assert.Equal(["t1"], await IdsAsync(fred, new TaskSearchFilter { Status = [HumanTaskStatus.Obsolete] }));
    }

    [ContractFact]
    public async Task Search_VariableFilters_MatchSnapshot()
    {
        await CommitAsync(TestData.NewInstance(
            "i1",
            new HumanTaskCreated(TestData.Task("laptop", "i1")),
            Variables("laptop", "i1", ("item", "Laptop Pro 14"), ("amount", "1200"), ("region", "EU")),
            new HumanTaskCreated(TestData.Task("chair", "i1")),
            Variables("chair", "i1", ("item", "Office chair"), ("amount", "300"), ("region", "EU")),
            new HumanTaskCreated(TestData.Task("bare", "i1"))));

        Assert.Equal(["chair"], await IdsAsync(Admin, VariableFilter("amount", VariableFilterOperator.Equals, "300")));
        Assert.Empty(await IdsAsync(Admin, VariableFilter("item", VariableFilterOperator.Equals, "laptop pro 14")));
        Assert.Equal(["laptop"], await IdsAsync(Admin, VariableFilter("item", VariableFilterOperator.Contains, "LAPTOP")));
        Assert.Equal(["chair", "laptop"], await IdsAsync(Admin, VariableFilter("region", VariableFilterOperator.Equals, "EU")));
        Assert.Empty(await IdsAsync(Admin, VariableFilter("missing", VariableFilterOperator.Contains, "")));

        var both = new TaskSearchFilter
        {
            Variables = [new VariableFilter("region", VariableFilterOperator.Equals, "EU"), new VariableFilter("item", VariableFilterOperator.Contains, "chair")],
        };
        Assert.Equal(["chair"], await IdsAsync(Admin, both));
    }

    [ContractFact]
    public async Task Search_VariablesOfEndedTask_MatchOnlyByStatus()
    {
        var task = TestData.Task("laptop", "i1");
        await CommitAsync(TestData.NewInstance("i1", new HumanTaskCreated(task), Variables("laptop", "i1", ("region", "EU"))));
        var region = VariableFilter("region", VariableFilterOperator.Equals, "EU");

        await TaskStore.UpdateAsync(task with { Status = HumanTaskStatus.Completed, Revision = 2 }, expectedRevision: 1).WithTimeout();
        var open = await IdsAsync(Admin, region);
        var completed = await IdsAsync(Admin, region with { Status = [HumanTaskStatus.Completed] });

        await TaskStore.UpdateAsync(task with { Status = HumanTaskStatus.Ready, Revision = 3 }, expectedRevision: 2).WithTimeout();
        var reopened = await IdsAsync(Admin, VariableFilter("region", VariableFilterOperator.Contains, "eu"));

        Assert.Empty(open);
        Assert.Equal(["laptop"], completed);
        Assert.Equal(["laptop"], reopened);
    }

    [ContractFact]
    public async Task Search_SortByDueAt_PutsEmptyLastBothWays()
    {
        await CommitAsync(TestData.NewInstance(
            "i1",
            new HumanTaskCreated(TestData.Task("b-late", "i1") with { DueAt = TestData.BaseTime.AddDays(2) }),
            new HumanTaskCreated(TestData.Task("a-none", "i1")),
            new HumanTaskCreated(TestData.Task("c-early", "i1") with { DueAt = TestData.BaseTime.AddDays(1) }),
            new HumanTaskCreated(TestData.Task("d-early", "i1") with { DueAt = TestData.BaseTime.AddDays(1) }),
            new HumanTaskCreated(TestData.Task("e-none", "i1"))));

        Assert.Equal(["c-early", "d-early", "b-late", "a-none", "e-none"], await OrderedIdsAsync(new TaskSort(TaskSortField.DueAt, false)));
        Assert.Equal(["b-late", "d-early", "c-early", "e-none", "a-none"], await OrderedIdsAsync(new TaskSort(TaskSortField.DueAt, true)));
    }

    [ContractFact]
    public async Task Search_SortByPriorityAndFollowUp_BreaksTiesById()
    {
        await CommitAsync(TestData.NewInstance(
            "i1",
            new HumanTaskCreated(TestData.Task("b", "i1", priority: 5, createdAt: TestData.BaseTime.AddMinutes(3))),
            new HumanTaskCreated(TestData.Task("a", "i1", priority: 5, createdAt: TestData.BaseTime.AddMinutes(2)) with { FollowUpAt = TestData.BaseTime.AddDays(3) }),
            new HumanTaskCreated(TestData.Task("c", "i1", priority: 1, createdAt: TestData.BaseTime.AddMinutes(1)) with { FollowUpAt = TestData.BaseTime.AddDays(1) })));

        Assert.Equal(["b", "a", "c"], await OrderedIdsAsync(new TaskSort(TaskSortField.Priority, true)));
        Assert.Equal(["c", "a", "b"], await OrderedIdsAsync(new TaskSort(TaskSortField.Priority, false)));
        Assert.Equal(["c", "a", "b"], await OrderedIdsAsync(new TaskSort(TaskSortField.FollowUpAt, false)));
        Assert.Equal(["c", "a", "b"], await OrderedIdsAsync(new TaskSort(TaskSortField.CreatedAt, false)));
        Assert.Equal(["b", "a", "c"], await OrderedIdsAsync(new TaskSort(TaskSortField.CreatedAt, true)));
    }

    [ContractFact]
    public async Task Search_CursorPages_MatchOnePageForEverySort()
    {
        var changes = new List<object>();
        for (var i = 0; i < 23; i++)
        {
            var dueAt = i % 4 == 0 ? (DateTimeOffset?)null : TestData.BaseTime.AddHours(i % 3);
            var followUpAt = i % 2 == 0 ? (DateTimeOffset?)null : TestData.BaseTime.AddHours(i % 5);
            changes.Add(new HumanTaskCreated(TestData.Task($"t{i:D2}", "i1", priority: i % 3, createdAt: TestData.BaseTime.AddSeconds(i % 4))
                with { DueAt = dueAt, FollowUpAt = followUpAt }));
        }

        await CommitAsync(TestData.NewInstance("i1", changes.ToArray()));

        foreach (var field in Enum.GetValues<TaskSortField>())
        {
            foreach (var descending in new[] { false, true })
            {
                var sort = new TaskSort(field, descending);
                var all = await OrderedIdsAsync(sort);
                var paged = new List<string>();
                TaskSearchCursor? cursor = null;
                do
                {
                    var page = await Search.SearchAsync(Admin, new TaskSearchRequest { Sort = sort, PageSize = 4, Cursor = cursor }, TestData.BaseTime).WithTimeout();
                    paged.AddRange(page.Items.Select(task => task.Id));
                    cursor = page.NextCursor is null ? null : TaskSearchCursor.Decode(page.NextCursor.Encode());
                }
                while (cursor is not null);

                Assert.Equal(23, all.Count);
                Assert.True(all.SequenceEqual(paged), $"Cursor pages for {sort} returned [{string.Join(", ", paged)}], one page returned [{string.Join(", ", all)}].");
            }
        }
    }

    [ContractFact]
    public async Task Search_Offset_SkipsRowsAndCountsAll()
    {
        await CommitAsync(TestData.NewInstance(
            "i1",
            new HumanTaskCreated(TestData.Task("a", "i1", createdAt: TestData.BaseTime.AddMinutes(1))),
            new HumanTaskCreated(TestData.Task("b", "i1", createdAt: TestData.BaseTime.AddMinutes(2))),
            new HumanTaskCreated(TestData.Task("c", "i1", createdAt: TestData.BaseTime.AddMinutes(3)))));

        var page = await Search.SearchAsync(Admin, new TaskSearchRequest { PageSize = 1, Offset = 1 }, TestData.BaseTime).WithTimeout();

        Assert.Equal(["b"], page.Items.Select(task => task.Id));
        Assert.Equal(3, page.TotalCount);
        Assert.NotNull(page.NextCursor);
    }

    [ContractFact]
    public async Task Search_Counts_CoverMineGroupsAndOverdue()
    {
        var now = TestData.BaseTime.AddDays(1);
        await CommitAsync(TestData.NewInstance(
            "i1",
            new HumanTaskCreated(TestData.Task("mine-overdue", "i1", HumanTaskStatus.InProgress, assignee: "fred") with { DueAt = now.AddHours(-1) }),
            new HumanTaskCreated(TestData.Task("group", "i1", candidateGroups: ["finance"]) with { DueAt = now.AddHours(1) }),
            new HumanTaskCreated(TestData.Task("group-overdue", "i1", candidateGroups: ["finance"]) with { DueAt = now.AddHours(-2) }),
            new HumanTaskCreated(TestData.Task("group-done", "i1", HumanTaskStatus.Completed, candidateGroups: ["finance"]) with { DueAt = now.AddHours(-2) }),
            new HumanTaskCreated(TestData.Task("hidden-overdue", "i1", candidateGroups: ["hr"]) with { DueAt = now.AddHours(-2) })));

        var result = await Search.SearchAsync(
            TestData.User("fred", "finance"), new TaskSearchRequest { Filter = new TaskSearchFilter { Group = "none" } }, now).WithTimeout();

        Assert.Empty(result.Items);
        Assert.Equal(1, result.Counts.Mine);
        Assert.Equal(2, result.Counts.MyGroups);
        Assert.Equal(2, result.Counts.Overdue);
    }

    [ContractFact]
    public async Task Search_CursorOfOtherSort_IsRejected()
    {
        var cursor = new TaskSearchCursor(new TaskSort(TaskSortField.DueAt, false), null, "x");

        var error = await Assert.ThrowsAsync<TaskValidationException>(
            () => Search.SearchAsync(Admin, new TaskSearchRequest { Cursor = cursor }, TestData.BaseTime).WithTimeout());

        Assert.Equal("cursor", error.Field);
    }

    [ContractFact]
    public async Task SavedFilters_DuplicateName_Conflicts()
    {
        var filter = new SavedTaskFilter
        {
            Id = "f1", Owner = "bob", Name = "Mine", Filter = [], CreatedAt = TestData.BaseTime, UpdatedAt = TestData.BaseTime,
        };
        await Filters.AddAsync(filter).WithTimeout();
        await Filters.AddAsync(filter with { Id = "f2", Owner = "carol" }).WithTimeout();
        await Filters.AddAsync(filter with { Id = "f3", Name = "Other" }).WithTimeout();

        await Assert.ThrowsAsync<TaskConflictException>(() => Filters.AddAsync(filter with { Id = "f4" }).WithTimeout());
        await Assert.ThrowsAsync<TaskConflictException>(() => Filters.UpdateAsync(filter with { Id = "f3" }).WithTimeout());
        Assert.Equal(["f1", "f3"], (await Filters.ListAsync("bob").WithTimeout()).Select(saved => saved.Id));
        Assert.True(await Filters.UpdateAsync(filter with { Sort = "dueAt:desc", Filter = new() { ["group"] = "finance" } }).WithTimeout());
        var updated = await Filters.FindAsync("f1").WithTimeout();
        Assert.Equal("dueAt:desc", updated?.Sort);
        Assert.Equal("""{"group":"finance"}""", updated?.Filter.ToJsonString());
        Assert.True(await Filters.RemoveAsync("f1").WithTimeout());
        Assert.False(await Filters.RemoveAsync("f1").WithTimeout());
    }

    [ContractFact]
    public async Task Substitutes_ActiveWindow_IncludesFromExcludesTo()
    {
        await Substitutes.AddAsync(new SubstituteRule
        {
            Id = "r1", User = "bob", Substitute = "dave", From = TestData.BaseTime, To = TestData.BaseTime.AddDays(1),
            CreatedBy = "bob", CreatedAt = TestData.BaseTime,
        }).WithTimeout();

        Assert.Equal(["bob"], await Substitutes.GetPrincipalsAsync("dave", TestData.BaseTime).WithTimeout());
        Assert.Empty(await Substitutes.GetPrincipalsAsync("dave", TestData.BaseTime.AddDays(1)).WithTimeout());
        Assert.Empty(await Substitutes.GetPrincipalsAsync("dave", TestData.BaseTime.AddTicks(-1)).WithTimeout());
        Assert.Equal(["dave"], await Substitutes.GetSubstitutesAsync("bob", TestData.BaseTime.AddHours(1)).WithTimeout());
        Assert.Equal(["r1"], (await Substitutes.ListAsync("dave").WithTimeout()).Select(rule => rule.Id));
        Assert.Empty(await Substitutes.ListAsync("carol").WithTimeout());
        Assert.True(await Substitutes.RemoveAsync("r1").WithTimeout());
        Assert.Null(await Substitutes.FindAsync("r1").WithTimeout());
    }

    private static HumanTaskVariables Variables(string taskId, string instanceId, params (string Name, string Value)[] values) =>
        new(taskId, instanceId, values.ToDictionary(pair => pair.Name, pair => pair.Value));

    private static TaskSearchFilter VariableFilter(string name, VariableFilterOperator op, string value) =>
        new() { Variables = [new VariableFilter(name, op, value)] };

    private async Task<List<string>> IdsAsync(UserIdentity user, TaskSearchFilter? filter = null, DateTimeOffset? now = null)
    {
        var result = await Search.SearchAsync(user, new TaskSearchRequest { Filter = filter ?? new(), PageSize = 1000 }, now ?? TestData.BaseTime).WithTimeout();
        Assert.Equal(result.Items.Count, result.TotalCount);
        return result.Items.Select(task => task.Id).Order(StringComparer.Ordinal).ToList();
    }

    private async Task<List<string>> OrderedIdsAsync(TaskSort sort)
    {
        var result = await Search.SearchAsync(Admin, new TaskSearchRequest { Sort = sort, PageSize = 1000 }, TestData.BaseTime).WithTimeout();
        return result.Items.Select(task => task.Id).ToList();
    }
}
