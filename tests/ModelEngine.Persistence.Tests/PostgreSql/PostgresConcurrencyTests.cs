using Microsoft.Extensions.DependencyInjection;
using ModelEngine.Persistence.Tests.Contracts;
using ModelEngine.Workflows.Persistence;

namespace ModelEngine.Persistence.Tests.PostgreSql;

/// <summary>
/// Two service providers on one database stand for two server processes. They share no in-memory lock, so only the
/// revision concurrency token, the bookmark deletion count and the transactions keep their writers apart.
/// </summary>
public sealed class PostgresConcurrencyTests : IAsyncLifetime
{
    private const int CommitsPerProvider = 50;
    private const int Rounds = 20;

    private readonly PostgresTestDatabase _database = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _database.DeleteAsync();

    [PostgresFact]
    public async Task CommitAsync_TwoProvidersDistinctInstances_AllCommitsSucceed()
    {
        await using var first = await _database.CreateServiceProviderAsync().WithTimeout();
        await using var second = await _database.CreateServiceProviderAsync().WithTimeout();

        await Task.WhenAll(
            Task.Run(() => CommitManyAsync(first.GetRequiredService<IWorkflowCommitter>(), "a")),
            Task.Run(() => CommitManyAsync(second.GetRequiredService<IWorkflowCommitter>(), "b"))).WithTimeout();

        var all = await first.GetRequiredService<IWorkflowInstanceStore>().ListAsync(new InstanceListQuery(new PageRequest(1, 1))).WithTimeout();
        Assert.Equal(2 * CommitsPerProvider, all.TotalCount);
    }

    [PostgresFact]
    public async Task CommitAsync_TwoProvidersSameRevision_OneWinsEachRound()
    {
        await using var first = await _database.CreateServiceProviderAsync().WithTimeout();
        await using var second = await _database.CreateServiceProviderAsync().WithTimeout();
        var committers = new[] { first.GetRequiredService<IWorkflowCommitter>(), second.GetRequiredService<IWorkflowCommitter>() };
        await committers[0].CommitAsync(TestData.NewInstance("i1")).WithTimeout();

        for (var round = 1; round <= Rounds; round++)
        {
            var expected = round;
            var results = await Task.WhenAll(committers.Select((committer, writer) => Task.Run(() => TryCommitAsync(committer, expected, writer)))).WithTimeout();

            Assert.True(results.Count(won => won) == 1, $"Round {round}: {results.Count(won => won)} of 2 commits at revision {expected} succeeded, expected exactly 1.");
        }

        var summary = await first.GetRequiredService<IWorkflowInstanceStore>().FindSummaryAsync("i1").WithTimeout();
        var journal = await first.GetRequiredService<IWorkflowInstanceStore>().GetJournalAsync("i1", new PageRequest(1, 1)).WithTimeout();
        Assert.Equal(Rounds + 1, summary?.Revision);
        Assert.Equal(Rounds, journal.TotalCount);
    }

    [PostgresFact]
    public async Task CommitAsync_TwoProvidersOneBookmark_ConsumedOnce()
    {
        await using var first = await _database.CreateServiceProviderAsync().WithTimeout();
        await using var second = await _database.CreateServiceProviderAsync().WithTimeout();
        await first.GetRequiredService<IWorkflowCommitter>()
            .CommitAsync(TestData.NewInstance("i1") with { AddedBookmarks = [TestData.Bookmark("b1", "i1", dueAt: TestData.BaseTime)] })
            .WithTimeout();

        // Both resumes read revision 1, so each one would also pass the revision check if it ran alone.
        var resumes = new[] { first, second }.Select(services => Task.Run(async () =>
        {
            try
            {
                await services.GetRequiredService<IWorkflowCommitter>()
                    .CommitAsync(TestData.NewInstance("i1") with { ExpectedRevision = 1, RemovedBookmarkIds = ["b1"] })
                    .WithTimeout();
                return true;
            }
            catch (ConcurrencyConflictException)
            {
                return false;
            }
        }));
        var results = await Task.WhenAll(resumes).WithTimeout();

        Assert.Equal(1, results.Count(succeeded => succeeded));
        Assert.Null(await first.GetRequiredService<IWorkflowInstanceStore>().FindBookmarkAsync("b1").WithTimeout());
        Assert.Empty(await second.GetRequiredService<IDurableTimerStore>().ListDueAsync(TestData.BaseTime, 10).WithTimeout());
    }

    private static async Task<bool> TryCommitAsync(IWorkflowCommitter committer, long expectedRevision, int writer)
    {
        try
        {
            await committer.CommitAsync(TestData.NewInstance("i1") with
            {
                Summary = TestData.Summary("i1") with { Revision = expectedRevision + 1 },
                StateJson = $$"""{"writer":{{writer}}}""",
                ExpectedRevision = expectedRevision,
                Journal = [TestData.Journal("i1", expectedRevision)],
            }).WithTimeout();
            return true;
        }
        catch (ConcurrencyConflictException)
        {
            return false;
        }
    }

    private static async Task CommitManyAsync(IWorkflowCommitter committer, string prefix)
    {
        for (var n = 0; n < CommitsPerProvider; n++)
        {
            var id = prefix + n;
            await committer.CommitAsync(TestData.NewInstance(id) with { Journal = [TestData.Journal(id, 1), TestData.Journal(id, 2)] }).WithTimeout();
        }
    }
}
