using Microsoft.Extensions.DependencyInjection;
using ModelEngine.Persistence.Tests.Contracts;
using ModelEngine.Workflows.Persistence;

namespace ModelEngine.Persistence.Tests.Sqlite;

/// <summary>
/// Two service providers on one file stand for two processes: they share no in-memory write lock, so their writers
/// meet SQLite's file lock and must wait through the busy timeout instead of failing.
/// </summary>
public sealed class SqliteConcurrencyTests : IAsyncLifetime
{
    private const int CommitsPerProvider = 100;

    private readonly SqliteTestDatabase _database = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _database.DeleteAsync().WithTimeout();

    [Fact]
    public async Task CommitAsync_TwoProvidersOneFile_AllCommitsSucceed()
    {
        await using var first = await _database.CreateServiceProviderAsync().WithTimeout();
        await using var second = await _database.CreateServiceProviderAsync().WithTimeout();

        await Task.WhenAll(
            Task.Run(() => CommitManyAsync(first.GetRequiredService<IWorkflowCommitter>(), "a")),
            Task.Run(() => CommitManyAsync(second.GetRequiredService<IWorkflowCommitter>(), "b"))).WithTimeout();

        var all = await first.GetRequiredService<IWorkflowInstanceStore>().ListAsync(new InstanceListQuery(new PageRequest(1, 1))).WithTimeout();
        Assert.Equal(2 * CommitsPerProvider, all.TotalCount);
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
