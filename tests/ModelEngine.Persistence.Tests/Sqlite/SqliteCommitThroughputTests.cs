using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using ModelEngine.Persistence.EntityFrameworkCore.Sqlite;
using ModelEngine.Persistence.Tests.Contracts;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Runtime;
using Xunit.Abstractions;

namespace ModelEngine.Persistence.Tests.Sqlite;

/// <summary>
/// Measures small commits (one summary update, one state update and five journal records each) and prints commits per
/// second. It asserts only that every commit was written, because timings depend on the machine.
/// </summary>
[Trait("Category", "Measurement")]
[Collection(MeasurementCollection.Name)]
public sealed class SqliteCommitThroughputTests : IAsyncLifetime
{
    private const int InstanceCount = 50;
    private const int CommitsPerInstance = 40;
    private const int JournalRowsPerCommit = 5;
    private const int WarmUpCommitsPerInstance = 10;

    private readonly SqliteTestDatabase _database = new();
    private readonly ITestOutputHelper _output;

    public SqliteCommitThroughputTests(ITestOutputHelper output)
    {
        _output = output;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _database.DeleteAsync().WithTimeout();

    [Theory]
    [InlineData(SqliteSynchronousMode.Full, 1)]
    [InlineData(SqliteSynchronousMode.Full, 2)]
    [InlineData(SqliteSynchronousMode.Normal, 1)]
    public async Task CommitAsync_SmallCommits_ReportsThroughput(SqliteSynchronousMode synchronous, int writers)
    {
        await using var services = await _database.CreateServiceProviderAsync(options => options.Synchronous = synchronous).WithTimeout();
        var committer = services.GetRequiredService<IWorkflowCommitter>();
        for (var instance = 0; instance < InstanceCount; instance++)
        {
            await committer.CommitAsync(TestData.NewInstance("i" + instance)).WithTimeout();
        }

        // Warm up the connection pool, EF Core's caches and the JIT's optimised code before timing.
        await RunCommitsAsync(committer, writers, firstRevision: 1, WarmUpCommitsPerInstance).WithTimeout();

        // The process CPU time also counts the JIT and the garbage collector, so it is an upper bound for the commits' own work.
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        await RunCommitsAsync(committer, writers, firstRevision: WarmUpCommitsPerInstance + 1, CommitsPerInstance).WaitAsync(TimeSpan.FromMinutes(5));
        stopwatch.Stop();
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;

        var commits = InstanceCount * CommitsPerInstance;
        _output.WriteLine(
            $"synchronous={synchronous} writers={writers}: {commits} commits in {stopwatch.Elapsed.TotalSeconds:F2} s = {commits / stopwatch.Elapsed.TotalSeconds:F0} commits/s; " +
            $"CPU {cpu.TotalMilliseconds * 1000 / commits:F0} µs per commit = {commits / cpu.TotalSeconds:F0} commits per CPU-second");
        var journal = await services.GetRequiredService<IWorkflowInstanceStore>().GetJournalAsync("i0", new PageRequest(1, 1)).WithTimeout();
        Assert.Equal((WarmUpCommitsPerInstance + CommitsPerInstance) * JournalRowsPerCommit, journal.TotalCount);
    }

    /// <summary>Commits to every instance in turn. Each writer owns a disjoint set of instances, as the engine's lease ensures.</summary>
    private static Task RunCommitsAsync(IWorkflowCommitter committer, int writers, long firstRevision, int commitsPerInstance) =>
        Task.WhenAll(Enumerable.Range(0, writers).Select(writer => Task.Run(async () =>
        {
            for (var step = 0; step < commitsPerInstance; step++)
            {
                var revision = firstRevision + step;
                for (var instance = writer; instance < InstanceCount; instance += writers)
                {
                    var id = "i" + instance;
                    var firstSequence = (revision - 1) * JournalRowsPerCommit;
                    await committer.CommitAsync(new WorkflowCommit
                    {
                        Summary = TestData.Summary(id, WorkflowSubStatus.Executing) with { Revision = revision + 1 },
                        StateJson = $$$"""{"step":{{{revision}}},"variables":{"amount":1200,"approved":false}}""",
                        ExpectedRevision = revision,
                        Journal = [.. Enumerable.Range(1, JournalRowsPerCommit).Select(n => TestData.Journal(id, firstSequence + n))],
                    }).WithTimeout();
                }
            }
        })));
}
