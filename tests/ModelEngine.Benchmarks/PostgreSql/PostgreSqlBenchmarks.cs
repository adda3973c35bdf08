using BenchmarkDotNet.Attributes;
using ModelEngine.Benchmarks.Configuration;
using ModelEngine.Benchmarks.Definitions;
using ModelEngine.Benchmarks.Engine;
using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Benchmarks.PostgreSql;

/// <summary>
/// Starts on a migrated PostgreSQL database on the same machine: the straight-through flowchart run to Finished, and
/// the approval definition run to its user task. Each runs for one caller in a loop and for 16 callers at once.
/// </summary>
[Config(typeof(LatencyRunConfig))]
public class PostgreSqlBenchmarks
{
    /// <summary>Operations in one invocation of a concurrent case.</summary>
    public const int Batch = 64;

    /// <summary>Operations in flight at once in a concurrent case.</summary>
    public const int InFlight = 16;

    private BenchmarkDatabase _database = null!;
    private EngineHost _host = null!;
    private StartWorkflowRequest _straightThrough = null!;
    private StartWorkflowRequest _approval = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _database = await BenchmarkDatabase.CreateAsync();
        _host = await EngineHost.CreatePostgreSqlAsync(_database.ConnectionString, migrate: true);
        _straightThrough = new StartWorkflowRequest(await _host.PublishAsync(BenchmarkDefinitions.StraightThrough()), Initiator: "benchmarks");
        _approval = new StartWorkflowRequest(await _host.PublishAsync(BenchmarkDefinitions.Approval()), Initiator: "benchmarks");
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _host.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Benchmark]
    public Task<string> StraightThrough() => _host.ExecuteToFinishedAsync(_straightThrough);

    [Benchmark(OperationsPerInvoke = Batch)]
    public Task StraightThroughConcurrent() =>
        Concurrency.RunAsync(Batch, InFlight, _ => _host.ExecuteToFinishedAsync(_straightThrough));

    [Benchmark]
    public Task<string> StartToUserTask() => _host.StartToTaskAsync(_approval);

    [Benchmark(OperationsPerInvoke = Batch)]
    public Task StartToUserTaskConcurrent() =>
        Concurrency.RunAsync(Batch, InFlight, _ => _host.StartToTaskAsync(_approval));
}
