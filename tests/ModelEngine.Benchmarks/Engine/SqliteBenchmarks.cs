using BenchmarkDotNet.Attributes;
using ModelEngine.Benchmarks.Configuration;
using ModelEngine.Benchmarks.Definitions;
using ModelEngine.Persistence.EntityFrameworkCore.Sqlite;
using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Benchmarks.Engine;

/// <summary>
/// One instance per operation on a migrated SQLite file: the straight-through flowchart, and the approval lifecycle
/// (start, find the task, claim, complete, run to the end). Each runs with the default synchronous level (FULL, a
/// flush of the write-ahead log at every commit) and with NORMAL.
/// </summary>
[Config(typeof(ShortRunConfig))]
public class SqliteBenchmarks
{
    private EngineHost _host = null!;
    private StartWorkflowRequest _straightThrough = null!;
    private StartWorkflowRequest _approval = null!;

    [Params(SqliteSynchronousMode.Full, SqliteSynchronousMode.Normal)]
    public SqliteSynchronousMode Synchronous { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _host = await EngineHost.CreateSqliteAsync(Synchronous);
        _straightThrough = new StartWorkflowRequest(await _host.PublishAsync(BenchmarkDefinitions.StraightThrough()), Initiator: "benchmarks");
        _approval = new StartWorkflowRequest(await _host.PublishAsync(BenchmarkDefinitions.Approval()), Initiator: "benchmarks");
    }

    [GlobalCleanup]
    public ValueTask CleanupAsync() => _host.DisposeAsync();

    [Benchmark]
    public Task<string> RuntimeExecute() => _host.ExecuteToFinishedAsync(_straightThrough);

    [Benchmark]
    public Task<string> UserTaskLifecycle() => _host.RunApprovalAsync(_approval);
}
