using ModelEngine.HumanTasks.Model;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Persistence.Tests.Contracts;

/// <summary>The contract of <see cref="IWorkflowCommitter"/>: one transaction, revision checks and bookmark consumption.</summary>
public abstract class CommitterContractTests : WorkflowStoreContractTests
{
    [ContractFact]
    public async Task CommitAsync_ExpectedRevision_UpdatesSummaryAndState()
    {
        await CommitAsync(TestData.NewInstance("i1"));

        await CommitAsync(new WorkflowCommit
        {
            Summary = TestData.Summary("i1", WorkflowSubStatus.Finished) with { Revision = 2, FinishedAt = TestData.BaseTime.AddMinutes(3) },
            StateJson = """{"step":1}""",
            ExpectedRevision = 1,
        });
        var snapshot = await InstanceStore.LoadAsync("i1").WithTimeout();

        Assert.NotNull(snapshot);
        Assert.Equal(2, snapshot.Summary.Revision);
        Assert.Equal(WorkflowSubStatus.Finished, snapshot.Summary.SubStatus);
        Assert.Equal(WorkflowStatus.Finished, snapshot.Summary.Status);
        Assert.Equal(TestData.BaseTime.AddMinutes(3), snapshot.Summary.FinishedAt);
        Assert.Equal("""{"step":1}""", snapshot.StateJson);
    }

    [ContractFact]
    public async Task CommitAsync_StaleRevision_ThrowsConflict()
    {
        await CommitAsync(TestData.NewInstance("i1"));
        await CommitAsync(TestData.NewInstance("i1") with { ExpectedRevision = 1, StateJson = """{"step":1}""" });

        var stale = TestData.NewInstance("i1") with { ExpectedRevision = 1, StateJson = """{"step":99}""" };
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => CommitAsync(stale));

        var snapshot = await InstanceStore.LoadAsync("i1").WithTimeout();
        Assert.Equal(2, snapshot?.Summary.Revision);
        Assert.Equal("""{"step":1}""", snapshot?.StateJson);
    }

    [ContractFact]
    public async Task CommitAsync_UnknownInstanceUpdate_ThrowsConflict()
    {
        var commit = TestData.NewInstance("missing") with { ExpectedRevision = 1 };

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => CommitAsync(commit));
    }

    [ContractFact]
    public async Task CommitAsync_InsertExistingInstance_ThrowsConflict()
    {
        await CommitAsync(TestData.NewInstance("i1"));

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => CommitAsync(TestData.NewInstance("i1")));
    }

    [ContractFact]
    public async Task CommitAsync_FailsMidway_LeavesNothingBehind()
    {
        await CommitAsync(TestData.NewInstance("i1") with
        {
            AddedBookmarks = [TestData.Bookmark("b1", "i1", dueAt: TestData.BaseTime)],
            Journal = [TestData.Journal("i1", 1)],
        });

        // The summary update and the bookmark and timer deletion run before the insert of a duplicate journal
        // sequence number fails, so all of them must roll back.
        var failing = TestData.NewInstance("i1") with
        {
            Summary = TestData.Summary("i1", WorkflowSubStatus.Finished),
            StateJson = """{"step":"lost"}""",
            ExpectedRevision = 1,
            RemovedBookmarkIds = ["b1"],
            AddedBookmarks = [TestData.Bookmark("b2", "i1")],
            Journal = [TestData.Journal("i1", 2), TestData.Journal("i1", 1)],
            Changes = [new HumanTaskCreated(TestData.Task("t1", "i1"))],
        };
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => CommitAsync(failing));

        var snapshot = await InstanceStore.LoadAsync("i1").WithTimeout();
        var journal = await InstanceStore.GetJournalAsync("i1", new PageRequest()).WithTimeout();
        var tasks = await TaskStore.ListByInstanceAsync("i1").WithTimeout();
        var timers = await TimerStore.ListDueAsync(TestData.BaseTime, 10).WithTimeout();
        Assert.Equal(1, snapshot?.Summary.Revision);
        Assert.Equal(WorkflowSubStatus.Suspended, snapshot?.Summary.SubStatus);
        Assert.Equal("""{"step":0}""", snapshot?.StateJson);
        Assert.Equal([1L], journal.Items.Select(e => e.Sequence));
        Assert.NotNull(await InstanceStore.FindBookmarkAsync("b1").WithTimeout());
        Assert.Null(await InstanceStore.FindBookmarkAsync("b2").WithTimeout());
        Assert.Empty(tasks);
        Assert.Equal(["b1"], timers.Select(t => t.Id));
    }

    [ContractFact]
    public async Task CommitAsync_StartedInstance_InsertsItWithParent()
    {
        await CommitAsync(TestData.NewInstance("parent"));

        await CommitAsync(TestData.NewInstance("parent") with
        {
            ExpectedRevision = 1,
            StateJson = """{"step":1}""",
            StartedInstances = [TestData.NewInstance("child") with { AddedBookmarks = [TestData.Bookmark("cb", "child")], Journal = [TestData.Journal("child", 1)] }],
        });
        var child = await InstanceStore.LoadAsync("child").WithTimeout();
        var journal = await InstanceStore.GetJournalAsync("child", new PageRequest()).WithTimeout();

        Assert.Equal(1, child?.Summary.Revision);
        Assert.Equal([1L], journal.Items.Select(e => e.Sequence));
        Assert.NotNull(await InstanceStore.FindBookmarkAsync("cb").WithTimeout());
        Assert.Equal(2, (await InstanceStore.FindSummaryAsync("parent").WithTimeout())?.Revision);
    }

    [ContractFact]
    public async Task CommitAsync_StaleRevisionWithStartedInstance_InsertsNeither()
    {
        await CommitAsync(TestData.NewInstance("parent"));
        await CommitAsync(TestData.NewInstance("parent") with { ExpectedRevision = 1, StateJson = """{"step":1}""" });

        var stale = TestData.NewInstance("parent") with
        {
            ExpectedRevision = 1,
            StartedInstances = [TestData.NewInstance("child") with { Journal = [TestData.Journal("child", 1)] }],
        };
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => CommitAsync(stale));

        Assert.Null(await InstanceStore.FindSummaryAsync("child").WithTimeout());
        Assert.Empty((await InstanceStore.GetJournalAsync("child", new PageRequest()).WithTimeout()).Items);
    }

    [ContractFact]
    public async Task CommitAsync_UnknownChange_Throws()
    {
        var commit = TestData.NewInstance("i1", "not a known change") with { Journal = [TestData.Journal("i1", 1)] };

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => CommitAsync(commit));

        Assert.Contains("System.String", exception.Message, StringComparison.Ordinal);
        Assert.Null(await InstanceStore.FindSummaryAsync("i1").WithTimeout());
    }

    [ContractFact]
    public async Task CommitAsync_BookmarkRemovedTwice_ThrowsConflict()
    {
        await CommitAsync(TestData.NewInstance("i1") with { AddedBookmarks = [TestData.Bookmark("b1", "i1"), TestData.Bookmark("b2", "i1")] });
        await CommitAsync(TestData.NewInstance("i1") with { ExpectedRevision = 1, RemovedBookmarkIds = ["b1"] });

        // A second resume of b1 that read the instance after the first one still fails on the bookmark.
        var secondResume = TestData.NewInstance("i1") with { ExpectedRevision = 2, RemovedBookmarkIds = ["b1", "b2"] };
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => CommitAsync(secondResume));

        Assert.NotNull(await InstanceStore.FindBookmarkAsync("b2").WithTimeout());
        Assert.Equal(2, (await InstanceStore.FindSummaryAsync("i1").WithTimeout())?.Revision);
    }

    [ContractFact]
    public async Task CommitAsync_ConcurrentResumes_OneSucceeds()
    {
        await CommitAsync(TestData.NewInstance("i1") with { AddedBookmarks = [TestData.Bookmark("b1", "i1")] });

        var attempts = Enumerable.Range(0, 4).Select(n => Task.Run(async () =>
        {
            try
            {
                await Committer.CommitAsync(TestData.NewInstance("i1") with { ExpectedRevision = 1, RemovedBookmarkIds = ["b1"], StateJson = $$"""{"by":{{n}}}""" }).WithTimeout();
                return true;
            }
            catch (ConcurrencyConflictException)
            {
                return false;
            }
        }));
        var results = await Task.WhenAll(attempts).WithTimeout();

        Assert.Equal(1, results.Count(succeeded => succeeded));
    }

    [ContractFact]
    public async Task CommitAsync_DueBookmark_TimerFollowsIt()
    {
        var dueAt = TestData.BaseTime.AddMinutes(5);
        await CommitAsync(TestData.NewInstance("i1") with { AddedBookmarks = [TestData.Bookmark("b1", "i1", dueAt: dueAt), TestData.Bookmark("b2", "i1")] });

        var timers = await TimerStore.ListDueAsync(dueAt, 10).WithTimeout();
        Assert.Equal([new DurableTimer("b1", "i1", "b1", dueAt)], timers);

        await CommitAsync(TestData.NewInstance("i1") with { ExpectedRevision = 1, RemovedBookmarkIds = ["b1"] });

        Assert.Empty(await TimerStore.ListDueAsync(dueAt, 10).WithTimeout());
        Assert.False(await TimerStore.TryClaimAsync("b1", dueAt, TimeSpan.FromMinutes(1)).WithTimeout());
    }

    [ContractFact]
    public async Task CommitAsync_StaleTaskUpdate_ThrowsConflict()
    {
        var task = TestData.Task("t1", "i1");
        await CommitAsync(TestData.NewInstance("i1", new HumanTaskCreated(task)));
        await TaskStore.UpdateAsync(task with { Status = HumanTaskStatus.Reserved, Assignee = "bob", Revision = 2 }, 1).WithTimeout();

        var stale = TestData.NewInstance("i1", new HumanTaskUpdated(task with { Status = HumanTaskStatus.Completed, Revision = 2 }, 1)) with
        {
            ExpectedRevision = 1,
        };
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => CommitAsync(stale));

        var stored = await TaskStore.FindAsync("t1").WithTimeout();
        Assert.Equal(HumanTaskStatus.Reserved, stored?.Status);
        Assert.Equal(1, (await InstanceStore.FindSummaryAsync("i1").WithTimeout())?.Revision);
    }

    [ContractFact]
    public async Task CommitAsync_TaskUpdated_ReplacesTask()
    {
        var task = TestData.Task("t1", "i1", candidateGroups: ["finance"]);
        await CommitAsync(TestData.NewInstance("i1", new HumanTaskCreated(task)));

        var updated = task with { CandidateGroups = ["hr"], Priority = 5, Comment = "moved", Revision = 2 };
        await CommitAsync(TestData.NewInstance("i1", new HumanTaskUpdated(updated, 1)) with { ExpectedRevision = 1 });

        var stored = await TaskStore.FindAsync("t1").WithTimeout();
        var finance = await TaskStore.ListInboxAsync(TestData.User("fred", "finance"), new PageRequest()).WithTimeout();
        var hr = await TaskStore.ListInboxAsync(TestData.User("hana", "hr"), new PageRequest()).WithTimeout();
        Assert.Equal(2, stored?.Revision);
        Assert.Equal(["hr"], stored?.CandidateGroups);
        Assert.Equal("moved", stored?.Comment);
        Assert.Empty(finance.Items);
        Assert.Equal(["t1"], hr.Items.Select(t => t.Id));
    }

    [ContractFact]
    public async Task CommitAsync_TaskClosed_ClosesOpenTasks()
    {
        await CommitAsync(TestData.NewInstance(
            "i1",
            new HumanTaskCreated(TestData.Task("open", "i1", activityInstanceId: "ai-1")),
            new HumanTaskCreated(TestData.Task("suspended", "i1", HumanTaskStatus.Suspended, activityInstanceId: "ai-1")),
            new HumanTaskCreated(TestData.Task("done", "i1", HumanTaskStatus.Completed, activityInstanceId: "ai-1")),
            new HumanTaskCreated(TestData.Task("elsewhere", "i1", activityInstanceId: "ai-2"))));
        var closedAt = TestData.BaseTime.AddHours(1);

        await CommitAsync(TestData.NewInstance("i1", new HumanTaskClosed("ai-1", HumanTaskStatus.Obsolete, closedAt)) with { ExpectedRevision = 1 });

        var open = await TaskStore.FindAsync("open").WithTimeout();
        var suspended = await TaskStore.FindAsync("suspended").WithTimeout();
        var done = await TaskStore.FindAsync("done").WithTimeout();
        var elsewhere = await TaskStore.FindAsync("elsewhere").WithTimeout();
        Assert.Equal(HumanTaskStatus.Obsolete, open?.Status);
        Assert.Equal(2, open?.Revision);
        Assert.Equal(closedAt, open?.CompletedAt);
        Assert.Equal(HumanTaskStatus.Obsolete, suspended?.Status);
        Assert.Equal(HumanTaskStatus.Completed, done?.Status);
        Assert.Equal(1, done?.Revision);
        Assert.Equal(HumanTaskStatus.Ready, elsewhere?.Status);
    }

    [ContractFact]
    public async Task CommitAsync_TaskClosedNoneOpen_IsNoOp()
    {
        await CommitAsync(TestData.NewInstance("i1"));

        await CommitAsync(TestData.NewInstance("i1", new HumanTaskClosed("ai-none", HumanTaskStatus.Exited, TestData.BaseTime)) with { ExpectedRevision = 1 });

        Assert.Equal(2, (await InstanceStore.FindSummaryAsync("i1").WithTimeout())?.Revision);
    }

    [ContractFact]
    public async Task DeleteInstanceAsync_RemovesEveryRowOfThatInstance()
    {
        foreach (var id in new[] { "i1", "i2" })
        {
            await CommitAsync(TestData.NewInstance(id, new HumanTaskCreated(TestData.Task("t-" + id, id, candidateGroups: ["managers"]))) with
            {
                AddedBookmarks = [TestData.Bookmark("b-" + id, id, dueAt: TestData.BaseTime)],
                Journal = [TestData.Journal(id, 1), TestData.Journal(id, 2)],
            });
        }

        var deleted = await Committer.DeleteInstanceAsync("i1").WithTimeout();
        var again = await Committer.DeleteInstanceAsync("i1").WithTimeout();

        Assert.True(deleted);
        Assert.False(again);
        Assert.Null(await InstanceStore.LoadAsync("i1").WithTimeout());
        Assert.Null(await InstanceStore.FindBookmarkAsync("b-i1").WithTimeout());
        Assert.Equal(0, (await InstanceStore.GetJournalAsync("i1", new PageRequest()).WithTimeout()).TotalCount);
        Assert.Empty(await TaskStore.ListByInstanceAsync("i1").WithTimeout());
        Assert.Null(await TaskStore.FindAsync("t-i1").WithTimeout());
        var timers = await TimerStore.ListDueAsync(TestData.BaseTime, 10).WithTimeout();
        Assert.Equal(["b-i2"], timers.Select(t => t.Id));

        // The other instance keeps all of its rows, candidates included.
        Assert.NotNull(await InstanceStore.LoadAsync("i2").WithTimeout());
        Assert.NotNull(await InstanceStore.FindBookmarkAsync("b-i2").WithTimeout());
        Assert.Equal(2, (await InstanceStore.GetJournalAsync("i2", new PageRequest()).WithTimeout()).TotalCount);
        var inbox = await TaskStore.ListInboxAsync(TestData.User("bob", "managers"), new PageRequest()).WithTimeout();
        Assert.Equal(["t-i2"], inbox.Items.Select(t => t.Id));
    }
}
