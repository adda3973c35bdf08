using BenchmarkDotNet.Attributes;
using ModelEngine.Benchmarks.Configuration;
using ModelEngine.Benchmarks.Definitions;
using ModelEngine.Benchmarks.PostgreSql;
using ModelEngine.Persistence.EntityFrameworkCore.Sqlite;
using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Benchmarks.Engine;

/// <summary>
/// The SQLite peer of <see cref="PostgreSqlNodeBenchmarks.ClaimComplete"/>: a reviewer's claim and then complete of a
/// task that the iteration's setup created, as two API calls do, 256 per iteration with 16 in flight, on one migrated
/// SQLite file with the default <c>synchronous = FULL</c>.
/// </summary>
[Config(typeof(LatencyRunConfig))]
[InvocationCount(1)]
public class SqliteClaimCompleteBenchmarks
{
    /// <summary>Tasks in one iteration.</summary>
    public const int Batch = 256;

    /// <summary>Operations in flight at once.</summary>
    public const int InFlight = 16;

    private readonly List<string> _taskIds = [];
    private EngineHost _host = null!;
    private StartWorkflowRequest _approval = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _host = await EngineHost.CreateSqliteAsync(SqliteSynchronousMode.Full);
        _approval = new StartWorkflowRequest(await _host.PublishAsync(BenchmarkDefinitions.Approval()), Initiator: "benchmarks");
    }

    [GlobalCleanup]
    public ValueTask CleanupAsync() => _host.DisposeAsync();

    [IterationSetup]
    public void CreateTasks()
    {
        // BenchmarkDotNet calls iteration setup synchronously.
        _taskIds.Clear();
        var created = new string[Batch];
        Concurrency.RunAsync(Batch, InFlight, async index => created[index] = await _host.StartToTaskAsync(_approval))
            .GetAwaiter().GetResult();
        _taskIds.AddRange(created);
    }

    [IterationCleanup]
    public void EndIteration() => LatencyRecorder.EndIteration(nameof(ClaimComplete));

    [Benchmark(OperationsPerInvoke = Batch)]
    public Task ClaimComplete() => Concurrency.RunAsync(Batch, InFlight, index =>
        LatencyRecorder.MeasureAsync(nameof(ClaimComplete), () => _host.ClaimAndCompleteAsync(_taskIds[index])));
}
