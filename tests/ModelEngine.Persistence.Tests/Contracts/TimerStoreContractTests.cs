using ModelEngine.Workflows.Persistence;

namespace ModelEngine.Persistence.Tests.Contracts;

/// <summary>The contract of <see cref="IDurableTimerStore"/>, with timer rows written by the committer.</summary>
public abstract class TimerStoreContractTests : WorkflowStoreContractTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task ListDueAsync_FutureTimers_Excluded()
    {
        var now = TestData.BaseTime;
        await CommitAsync(TestData.NewInstance("i1") with
        {
            AddedBookmarks =
            [
                TestData.Bookmark("past", "i1", dueAt: now.AddMinutes(-1)),
                TestData.Bookmark("exact", "i1", dueAt: now),
                TestData.Bookmark("future", "i1", dueAt: now.AddSeconds(1)),
                TestData.Bookmark("no-timer", "i1"),
            ],
        });

        var due = await TimerStore.ListDueAsync(now, 10).WithTimeout();

        Assert.Equal(["past", "exact"], due.Select(t => t.Id));
        Assert.All(due, timer => Assert.Equal(timer.Id, timer.BookmarkId));
        Assert.All(due, timer => Assert.Equal("i1", timer.WorkflowInstanceId));
    }

    [Fact]
    public async Task ListDueAsync_MixedOffsets_OrdersByInstant()
    {
        var now = TestData.BaseTime;

        // 12:30+02:00 is 10:30 UTC, earlier than 11:00 UTC although its local clock reads later.
        await CommitAsync(TestData.NewInstance("i1") with
        {
            AddedBookmarks =
            [
                TestData.Bookmark("utc-11", "i1", dueAt: new DateTimeOffset(2026, 3, 1, 11, 0, 0, TimeSpan.Zero)),
                TestData.Bookmark("plus2-1230", "i1", dueAt: new DateTimeOffset(2026, 3, 1, 12, 30, 0, TimeSpan.FromHours(2))),
                TestData.Bookmark("minus5-0730", "i1", dueAt: new DateTimeOffset(2026, 3, 1, 7, 30, 0, TimeSpan.FromHours(-5))),
            ],
        });

        var due = await TimerStore.ListDueAsync(now, 10).WithTimeout();

        // 07:30-05:00 is 12:30 UTC, after now, so it is not due.
        Assert.Equal(["plus2-1230", "utc-11"], due.Select(t => t.Id));
        Assert.Equal(TimeSpan.Zero, due[0].DueAt.Offset);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 10, 30, 0, TimeSpan.Zero), due[0].DueAt);
    }

    [Fact]
    public async Task ListDueAsync_MaxCount_LimitsRows()
    {
        await CommitAsync(TestData.NewInstance("i1") with
        {
            AddedBookmarks = [.. Enumerable.Range(0, 5).Select(n => TestData.Bookmark("t" + n, "i1", dueAt: TestData.BaseTime.AddMinutes(-n)))],
        });

        var due = await TimerStore.ListDueAsync(TestData.BaseTime, 2).WithTimeout();

        Assert.Equal(["t4", "t3"], due.Select(t => t.Id));
    }

    [Fact]
    public async Task TryClaimAsync_LiveClaim_ReturnsFalse()
    {
        var now = TestData.BaseTime;
        await CommitAsync(TestData.NewInstance("i1") with { AddedBookmarks = [TestData.Bookmark("t1", "i1", dueAt: now)] });

        var first = await TimerStore.TryClaimAsync("t1", now, Lease).WithTimeout();
        var second = await TimerStore.TryClaimAsync("t1", now.AddSeconds(30), Lease).WithTimeout();
        var listedWhileClaimed = await TimerStore.ListDueAsync(now.AddSeconds(30), 10).WithTimeout();
        var afterExpiry = await TimerStore.TryClaimAsync("t1", now + Lease, Lease).WithTimeout();

        Assert.True(first);
        Assert.False(second);
        Assert.Empty(listedWhileClaimed);
        Assert.True(afterExpiry);
    }

    [Fact]
    public async Task TryClaimAsync_ExpiredClaim_IsListedAgain()
    {
        var now = TestData.BaseTime;
        await CommitAsync(TestData.NewInstance("i1") with { AddedBookmarks = [TestData.Bookmark("t1", "i1", dueAt: now)] });
        await TimerStore.TryClaimAsync("t1", now, Lease).WithTimeout();

        var due = await TimerStore.ListDueAsync(now + Lease, 10).WithTimeout();

        Assert.Equal(["t1"], due.Select(t => t.Id));
    }

    [Fact]
    public async Task TryClaimAsync_UnknownTimer_ReturnsFalse()
    {
        var claimed = await TimerStore.TryClaimAsync("missing", TestData.BaseTime, Lease).WithTimeout();

        Assert.False(claimed);
    }

    [Fact]
    public async Task TryClaimAsync_BookmarkRemoved_ReturnsFalse()
    {
        var now = TestData.BaseTime;
        await CommitAsync(TestData.NewInstance("i1") with { AddedBookmarks = [TestData.Bookmark("t1", "i1", dueAt: now)] });
        await CommitAsync(TestData.NewInstance("i1") with { ExpectedRevision = 1, RemovedBookmarkIds = ["t1"] });

        var claimed = await TimerStore.TryClaimAsync("t1", now, Lease).WithTimeout();
        var due = await TimerStore.ListDueAsync(now, 10).WithTimeout();

        Assert.False(claimed);
        Assert.Empty(due);
    }

    [Fact]
    public async Task TryClaimAsync_ConcurrentCallers_OneWins()
    {
        var now = TestData.BaseTime;
        await CommitAsync(TestData.NewInstance("i1") with { AddedBookmarks = [TestData.Bookmark("t1", "i1", dueAt: now)] });

        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => TimerStore.TryClaimAsync("t1", now, Lease)))).WithTimeout();

        Assert.Equal(1, claims.Count(claimed => claimed));
    }
}
