using BenchmarkDotNet.Attributes;
using ModelEngine.Benchmarks.Configuration;
using ModelEngine.Benchmarks.Definitions;
using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Benchmarks.Engine;

/// <summary>
/// One instance of the five-activity straight-through flowchart per operation, in memory: the engine alone, and the
/// whole runtime with its commit to the in-memory stores. Also the approval lifecycle in memory, to compare with its
/// SQLite figure.
/// </summary>
[Config(typeof(ShortRunConfig))]
public class InMemoryBenchmarks
{
    private EngineHost _host = null!;
    private Workflow _workflow = null!;
    private StartWorkflowRequest _straightThrough = null!;
    private StartWorkflowRequest _approval = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _host = EngineHost.CreateInMemory();
        var straightThroughId = await _host.PublishAsync(BenchmarkDefinitions.StraightThrough());
        var approvalId = await _host.PublishAsync(BenchmarkDefinitions.Approval());
        _straightThrough = new StartWorkflowRequest(straightThroughId, Initiator: "benchmarks");
        _approval = new StartWorkflowRequest(approvalId, Initiator: "benchmarks");

        _workflow = await _host.FindPublishedWorkflowAsync(straightThroughId);
    }

    [GlobalCleanup]
    public ValueTask CleanupAsync() => _host.DisposeAsync();

    /// <summary>Runs one instance on an execution context, with no lock, no serialization and no commit.</summary>
    [Benchmark]
    public async Task<WorkflowSubStatus> EngineOnly() => (await _host.RunEngineOnlyAsync(_workflow)).State.SubStatus;

    /// <summary>Runs one instance through <see cref="IWorkflowRuntime.ExecuteAsync"/>, which serializes and commits its state.</summary>
    [Benchmark]
    public Task<string> RuntimeExecute() => _host.ExecuteToFinishedAsync(_straightThrough);

    /// <summary>Start, find the task, claim, complete and run to the end, on the in-memory stores.</summary>
    /// <remarks>
    /// NOTE: the in-memory task store finds an instance's tasks by scanning every task it holds, so this figure falls
    /// as the run adds tasks, and it depends on how many operations BenchmarkDotNet chose to run.
    /// </remarks>
    [Benchmark]
    public Task<string> UserTaskLifecycle() => _host.RunApprovalAsync(_approval);
}
