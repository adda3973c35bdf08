using ModelEngine.HumanTasks.Model;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Persistence.Tests.Contracts;

/// <summary>The read side of <see cref="IWorkflowInstanceStore"/>, on rows written by the committer.</summary>
public abstract class InstanceStoreContractTests : WorkflowStoreContractTests
{
    [ContractFact]
    public async Task LoadAsync_CommittedInstance_ReturnsSummaryAndState()
    {
        var commit = TestData.NewInstance("i1") with
        {
            Summary = TestData.Summary("i1", correlationId: "order-42") with { IncidentCount = 2, FinishedAt = TestData.BaseTime.AddHours(1) },
        };
        await CommitAsync(commit);

        var snapshot = await InstanceStore.LoadAsync("i1").WithTimeout();
        var summary = await InstanceStore.FindSummaryAsync("i1").WithTimeout();

        Assert.NotNull(snapshot);
        Assert.Equal(commit.Summary, snapshot.Summary);
        Assert.Equal(commit.StateJson, snapshot.StateJson);
        Assert.Equal(commit.Summary, summary);
    }

    [ContractFact]
    public async Task LoadAsync_UnknownInstance_ReturnsNull()
    {
        var snapshot = await InstanceStore.LoadAsync("missing").WithTimeout();
        var summary = await InstanceStore.FindSummaryAsync("missing").WithTimeout();

        Assert.Null(snapshot);
        Assert.Null(summary);
    }

    [ContractFact]
    public async Task ListAsync_Filters_ReturnMatchingRows()
    {
        await CommitAsync(TestData.NewInstance("a") with { Summary = TestData.Summary("a", WorkflowSubStatus.Suspended, "invoice", "c1") });
        await CommitAsync(TestData.NewInstance("b") with { Summary = TestData.Summary("b", WorkflowSubStatus.Finished, "invoice", "c2") });
        await CommitAsync(TestData.NewInstance("c") with { Summary = TestData.Summary("c", WorkflowSubStatus.Faulted, "leave", "c1") });

        var byDefinition = await ListIdsAsync(new InstanceListQuery(new PageRequest(), DefinitionId: "invoice"));
        var byStatus = await ListIdsAsync(new InstanceListQuery(new PageRequest(), Status: WorkflowStatus.Finished));
        var bySubStatus = await ListIdsAsync(new InstanceListQuery(new PageRequest(), SubStatus: WorkflowSubStatus.Faulted));
        var byCorrelation = await ListIdsAsync(new InstanceListQuery(new PageRequest(), CorrelationId: "c1"));
        var combined = await ListIdsAsync(new InstanceListQuery(new PageRequest(), DefinitionId: "invoice", Status: WorkflowStatus.Running));

        Assert.Equal(["a", "b"], byDefinition.Order());
        Assert.Equal(["b", "c"], byStatus.Order());
        Assert.Equal(["c"], bySubStatus);
        Assert.Equal(["a", "c"], byCorrelation.Order());
        Assert.Equal(["a"], combined);
    }

    [ContractFact]
    public async Task ListAsync_MixedOffsets_ReturnsNewestFirst()
    {
        // In UTC: "early" is 08:00, "middle" is 09:00 and "late" is 09:30, whatever their local clocks read.
        await CommitAsync(TestData.NewInstance("early") with { Summary = TestData.Summary("early", createdAt: new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.FromHours(2))) });
        await CommitAsync(TestData.NewInstance("middle") with { Summary = TestData.Summary("middle", createdAt: new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero)) });
        await CommitAsync(TestData.NewInstance("late") with { Summary = TestData.Summary("late", createdAt: new DateTimeOffset(2026, 3, 1, 4, 30, 0, TimeSpan.FromHours(-5))) });

        var ids = await ListIdsAsync(new InstanceListQuery(new PageRequest()));

        Assert.Equal(["late", "middle", "early"], ids);
    }

    [ContractFact]
    public async Task ListAsync_AfterCursor_SeesEachOldInstanceOnce()
    {
        // "i2a" and "i2b" share a creation time, so the cursor must also compare ids.
        var old = new[] { ("i0", 0), ("i1", 1), ("i2a", 2), ("i2b", 2), ("i3", 3), ("i4", 4) };
        foreach (var (id, minute) in old)
        {
            await CommitAsync(TestData.NewInstance(id) with { Summary = TestData.Summary(id, createdAt: TestData.BaseTime.AddMinutes(minute)) });
        }

        var seen = new List<string>();
        InstanceCursor? after = null;
        for (var pageNumber = 0; pageNumber < 10; pageNumber++)
        {
            var page = await InstanceStore.ListAsync(new InstanceListQuery(new PageRequest(1, 2), After: after)).WithTimeout();
            seen.AddRange(page.Items.Select(summary => summary.Id));
            if (page.Items.Count < 2)
            {
                break;
            }

            after = new InstanceCursor(page.Items[^1].CreatedAt, page.Items[^1].Id);

            // An instance created while a client pages sorts before every cursor, so it never shifts a later page.
            var newId = "new" + pageNumber;
            await CommitAsync(TestData.NewInstance(newId) with { Summary = TestData.Summary(newId, createdAt: TestData.BaseTime.AddHours(1 + pageNumber)) });
        }

        Assert.Equal(["i4", "i3", "i2b", "i2a", "i1", "i0"], seen);
    }

    [ContractFact]
    public async Task ListAsync_AfterCursor_CountsEveryMatch()
    {
        for (var n = 0; n < 3; n++)
        {
            await CommitAsync(TestData.NewInstance("i" + n) with { Summary = TestData.Summary("i" + n, createdAt: TestData.BaseTime.AddMinutes(n)) });
        }

        var page = await InstanceStore.ListAsync(new InstanceListQuery(new PageRequest(5, 10), After: new InstanceCursor(TestData.BaseTime.AddMinutes(2), "i2"))).WithTimeout();

        Assert.Equal(3, page.TotalCount);
        Assert.Equal(["i1", "i0"], page.Items.Select(summary => summary.Id));
    }

    [ContractFact]
    public async Task ListFinishedBeforeAsync_ReturnsOldFinishedOldestFirst()
    {
        await CommitAsync(TestData.NewInstance("late") with { Summary = TestData.Summary("late", WorkflowSubStatus.Cancelled) with { FinishedAt = TestData.BaseTime.AddHours(2) } });
        await CommitAsync(TestData.NewInstance("early") with { Summary = TestData.Summary("early", WorkflowSubStatus.Finished) with { FinishedAt = TestData.BaseTime } });
        await CommitAsync(TestData.NewInstance("middle") with { Summary = TestData.Summary("middle", WorkflowSubStatus.Faulted) with { FinishedAt = TestData.BaseTime.AddHours(1) } });
        await CommitAsync(TestData.NewInstance("recent") with { Summary = TestData.Summary("recent", WorkflowSubStatus.Finished) with { FinishedAt = TestData.BaseTime.AddHours(5) } });
        await CommitAsync(TestData.NewInstance("running") with { Summary = TestData.Summary("running", WorkflowSubStatus.Suspended) });

        var all = await InstanceStore.ListFinishedBeforeAsync(TestData.BaseTime.AddHours(3), 10).WithTimeout();
        var firstTwo = await InstanceStore.ListFinishedBeforeAsync(TestData.BaseTime.AddHours(3), 2).WithTimeout();

        Assert.Equal(["early", "middle", "late"], all);
        Assert.Equal(["early", "middle"], firstTwo);
    }

    [ContractFact]
    public async Task ListAsync_Paging_ReturnsTotalCountAndPage()
    {
        for (var n = 0; n < 5; n++)
        {
            await CommitAsync(TestData.NewInstance("i" + n) with { Summary = TestData.Summary("i" + n, createdAt: TestData.BaseTime.AddMinutes(n)) });
        }

        var page = await InstanceStore.ListAsync(new InstanceListQuery(new PageRequest(2, 2))).WithTimeout();

        Assert.Equal(5, page.TotalCount);
        Assert.Equal(["i2", "i1"], page.Items.Select(i => i.Id));
    }

    [ContractFact]
    public async Task ListAsync_DefaultPageRequest_UsesDefaultSize()
    {
        for (var n = 0; n < 3; n++)
        {
            await CommitAsync(TestData.NewInstance("i" + n));
        }

        // default(PageRequest) is page 0 of size 0, not the constructor defaults, and a store reads it as the first page.
        var page = await InstanceStore.ListAsync(new InstanceListQuery(default)).WithTimeout();

        Assert.Equal(3, page.TotalCount);
        Assert.Equal(3, page.Items.Count);
    }

    [ContractFact]
    public async Task ListAsync_VisibleTo_FiltersByUser()
    {
        await CommitAsync(TestData.NewInstance("started") with { Summary = TestData.Summary("started", initiator: "bob") });
        await CommitAsync(TestData.NewInstance("assigned", new HumanTaskCreated(TestData.Task("t1", "assigned", HumanTaskStatus.Reserved, assignee: "bob"))));
        await CommitAsync(TestData.NewInstance("candidate", new HumanTaskCreated(TestData.Task("t2", "candidate", candidateUsers: ["bob"]))));
        await CommitAsync(TestData.NewInstance("group", new HumanTaskCreated(TestData.Task("t3", "group", candidateGroups: ["finance"]))));
        await CommitAsync(TestData.NewInstance("other", new HumanTaskCreated(TestData.Task("t4", "other", candidateGroups: ["hr"], candidateUsers: ["carol"]))));

        var bob = await ListIdsAsync(new InstanceListQuery(new PageRequest(), VisibleTo: TestData.User("bob", "finance")));
        var stranger = await ListIdsAsync(new InstanceListQuery(new PageRequest(), VisibleTo: TestData.User("dave", "sales")));
        var admin = await ListIdsAsync(new InstanceListQuery(new PageRequest(), VisibleTo: TestData.User("root", "admins")));
        var designer = await ListIdsAsync(new InstanceListQuery(new PageRequest(), VisibleTo: TestData.User("erin", "designers")));

        Assert.Equal(["assigned", "candidate", "group", "started"], bob.Order());
        Assert.Empty(stranger);
        Assert.Equal(5, admin.Count);
        Assert.Equal(5, designer.Count);
    }

    [ContractFact]
    public async Task ListRecoverableAsync_PendingAndExecuting_ReturnsThem()
    {
        await CommitAsync(TestData.NewInstance("pending") with { Summary = TestData.Summary("pending", WorkflowSubStatus.Pending) });
        await CommitAsync(TestData.NewInstance("executing") with { Summary = TestData.Summary("executing", WorkflowSubStatus.Executing) });
        await CommitAsync(TestData.NewInstance("suspended") with { Summary = TestData.Summary("suspended", WorkflowSubStatus.Suspended) });
        await CommitAsync(TestData.NewInstance("finished") with { Summary = TestData.Summary("finished", WorkflowSubStatus.Finished) });

        var ids = await InstanceStore.ListRecoverableAsync().WithTimeout();

        Assert.Equal(["executing", "pending"], ids.Order());
    }

    [ContractFact]
    public async Task GetJournalAsync_Pages_InSequenceOrder()
    {
        await CommitAsync(TestData.NewInstance("i1") with { Journal = [.. Enumerable.Range(1, 3).Select(n => TestData.Journal("i1", n))] });
        await CommitAsync(TestData.NewInstance("i1") with { ExpectedRevision = 1, Journal = [.. Enumerable.Range(4, 4).Select(n => TestData.Journal("i1", n))] });
        await CommitAsync(TestData.NewInstance("i2") with { Journal = [TestData.Journal("i2", 1)] });

        var first = await InstanceStore.GetJournalAsync("i1", new PageRequest(1, 5)).WithTimeout();
        var second = await InstanceStore.GetJournalAsync("i1", new PageRequest(2, 5)).WithTimeout();

        Assert.Equal(7, first.TotalCount);
        Assert.Equal([1L, 2, 3, 4, 5], first.Items.Select(e => e.Sequence));
        Assert.Equal([6L, 7], second.Items.Select(e => e.Sequence));
        Assert.Equal(TestData.Journal("i1", 6), second.Items[0]);
    }

    [ContractFact]
    public async Task ListBookmarksAsync_ByName_OldestFirst()
    {
        await CommitAsync(TestData.NewInstance("i1") with
        {
            AddedBookmarks =
            [
                TestData.Bookmark("late", "i1", "Event", createdAt: TestData.BaseTime.AddMinutes(5)),
                TestData.Bookmark("early", "i1", "Event", createdAt: TestData.BaseTime),
                TestData.Bookmark("task", "i1", "UserTask"),
            ],
        });
        await CommitAsync(TestData.NewInstance("i2") with { AddedBookmarks = [TestData.Bookmark("other", "i2", "Event", createdAt: TestData.BaseTime.AddMinutes(1))] });

        var all = await InstanceStore.ListBookmarksAsync("Event", null).WithTimeout();
        var forInstance = await InstanceStore.ListBookmarksAsync("Event", "i1").WithTimeout();
        var found = await InstanceStore.FindBookmarkAsync("task").WithTimeout();

        Assert.Equal(["early", "other", "late"], all.Select(b => b.Id));
        Assert.Equal(["early", "late"], forInstance.Select(b => b.Id));
        Assert.Equal(TestData.Bookmark("task", "i1", "UserTask"), found);
    }

    private async Task<List<string>> ListIdsAsync(InstanceListQuery query)
    {
        var page = await InstanceStore.ListAsync(query).WithTimeout();
        return [.. page.Items.Select(i => i.Id)];
    }
}
