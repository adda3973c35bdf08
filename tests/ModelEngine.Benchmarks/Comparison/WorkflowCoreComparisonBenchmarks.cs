using BenchmarkDotNet.Attributes;
using ModelEngine.Benchmarks.Comparison.WorkflowCorePeer;
using ModelEngine.Benchmarks.Configuration;
using ModelEngine.Benchmarks.Definitions;
using ModelEngine.Benchmarks.Engine;
using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Benchmarks.Comparison;

/// <summary>
/// WorkflowCore 3.22 against our runtime, both in memory, on the same five-step straight-through workflow. Each
/// invocation runs a batch of <see cref="InstancesPerInvocation"/> instances on a fresh host with empty stores, and
/// the reported times are per instance. WorkflowCore's batch ends when every instance raised its
/// <c>WorkflowCompleted</c> lifecycle event; ours ends when every <see cref="IWorkflowRuntime.ExecuteAsync"/> call
/// returned its finished instance.
/// </summary>
[Config(typeof(BatchRunConfig))]
public class WorkflowCoreComparisonBenchmarks
{
    public const int InstancesPerInvocation = 2_000;

    /// <summary>
    /// The maximum wait for WorkflowCore's batch. A batch took about 1 s or less in the runs recorded in
    /// docs/benchmarks.md, so one that needs 10 s has stalled.
    /// </summary>
    private static readonly TimeSpan BatchTimeout = TimeSpan.FromSeconds(10);

    private WorkflowCoreHost? _workflowCore;
    private EngineHost? _engine;
    private StartWorkflowRequest _request = null!;

    [IterationSetup(Target = nameof(WorkflowCoreInMemory))]
    public void SetupWorkflowCore() => _workflowCore = new WorkflowCoreHost();

    [IterationCleanup(Target = nameof(WorkflowCoreInMemory))]
    public void CleanupWorkflowCore() => _workflowCore?.Dispose();

    [IterationSetup(Targets = [nameof(ModelEngineSequential), nameof(ModelEngineConcurrent)])]
    public void SetupEngine()
    {
        _engine = EngineHost.CreateInMemory();
        var definitionId = _engine.PublishAsync(BenchmarkDefinitions.StraightThrough()).GetAwaiter().GetResult();
        _request = new StartWorkflowRequest(definitionId, Initiator: "benchmarks");
    }

    [IterationCleanup(Targets = [nameof(ModelEngineSequential), nameof(ModelEngineConcurrent)])]
    public void CleanupEngine() => _engine?.DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>Starts the batch in a loop and waits for every completion event.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = InstancesPerInvocation)]
    public Task WorkflowCoreInMemory() => _workflowCore!.RunBatchAsync(InstancesPerInvocation, BatchTimeout);

    /// <summary>Runs the batch one instance after another on one caller.</summary>
    [Benchmark(OperationsPerInvoke = InstancesPerInvocation)]
    public async Task ModelEngineSequential()
    {
        for (var i = 0; i < InstancesPerInvocation; i++)
        {
            await _engine!.ExecuteToFinishedAsync(_request);
        }
    }

    /// <summary>Queues every instance of the batch to the thread pool at once and waits for all of them.</summary>
    [Benchmark(OperationsPerInvoke = InstancesPerInvocation)]
    public Task ModelEngineConcurrent()
    {
        var engine = _engine!;
        var runs = new Task[InstancesPerInvocation];
        for (var i = 0; i < runs.Length; i++)
        {
            runs[i] = Task.Run(() => engine.ExecuteToFinishedAsync(_request));
        }

        return Task.WhenAll(runs);
    }
}
