using BenchmarkDotNet.Attributes;
using ModelEngine.Benchmarks.Configuration;
using ModelEngine.Benchmarks.Definitions;
using ModelEngine.Benchmarks.Engine;
using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Benchmarks.PostgreSql;

/// <summary>
/// One node against two on one PostgreSQL database, and the claim + complete latency of reviewers. A node is an engine
/// with its own service provider, stores and connection pool, as a server process has. Both nodes run in this process
/// and share its 2 cores, as two servers on one machine would. Operations alternate between the nodes.
/// </summary>
/// <remarks>
/// Every iteration runs one invocation, because the claim + complete case needs tasks that its
/// <c>[IterationSetup]</c> creates. Each operation's latency is recorded for the P95 column.
/// </remarks>
[Config(typeof(LatencyRunConfig))]
[InvocationCount(1)]
public class PostgreSqlNodeBenchmarks
{
    /// <summary>Instances or tasks in one iteration.</summary>
    public const int Batch = 256;

    /// <summary>Operations in flight at once, across all nodes.</summary>
    public const int InFlight = 16;

    private readonly List<string> _taskIds = [];
    private BenchmarkDatabase _database = null!;
    private EngineHost[] _nodes = [];
    private StartWorkflowRequest _straightThrough = null!;
    private StartWorkflowRequest _approval = null!;

    [Params(1, 2)]
    public int Nodes { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _database = await BenchmarkDatabase.CreateAsync();
        _nodes = new EngineHost[Nodes];
        for (var i = 0; i < Nodes; i++)
        {
            _nodes[i] = await EngineHost.CreatePostgreSqlAsync(_database.ConnectionString, migrate: i == 0);
        }

        _straightThrough = new StartWorkflowRequest(await _nodes[0].PublishAsync(BenchmarkDefinitions.StraightThrough()), Initiator: "benchmarks");
        _approval = new StartWorkflowRequest(await _nodes[0].PublishAsync(BenchmarkDefinitions.Approval()), Initiator: "benchmarks");
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        await _database.DisposeAsync();
    }

    [IterationSetup(Target = nameof(ClaimComplete))]
    public void CreateTasks()
    {
        // BenchmarkDotNet calls iteration setup synchronously.
        _taskIds.Clear();
        var created = new string[Batch];
        Concurrency.RunAsync(Batch, InFlight, async index => created[index] = await _nodes[index % Nodes].StartToTaskAsync(_approval))
            .GetAwaiter().GetResult();
        _taskIds.AddRange(created);
    }

    [IterationCleanup]
    public void EndIteration()
    {
        LatencyRecorder.EndIteration(LatencyRecorder.Key(nameof(StraightThrough), Nodes));
        LatencyRecorder.EndIteration(LatencyRecorder.Key(nameof(ClaimComplete), Nodes));
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public Task StraightThrough()
    {
        var key = LatencyRecorder.Key(nameof(StraightThrough), Nodes);
        return Concurrency.RunAsync(Batch, InFlight, index =>
            LatencyRecorder.MeasureAsync(key, () => _nodes[index % Nodes].ExecuteToFinishedAsync(_straightThrough)));
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public Task ClaimComplete()
    {
        var key = LatencyRecorder.Key(nameof(ClaimComplete), Nodes);
        return Concurrency.RunAsync(Batch, InFlight, index =>
            LatencyRecorder.MeasureAsync(key, () => _nodes[index % Nodes].ClaimAndCompleteAsync(_taskIds[index])));
    }
}
