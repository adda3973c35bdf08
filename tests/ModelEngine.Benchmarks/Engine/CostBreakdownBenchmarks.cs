using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ModelEngine.Benchmarks.Configuration;
using ModelEngine.Benchmarks.Definitions;
using ModelEngine.Persistence.EntityFrameworkCore;
using ModelEngine.Persistence.EntityFrameworkCore.Sqlite;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Runtime;
using ModelEngine.Workflows.Runtime.State;

namespace ModelEngine.Benchmarks.Engine;

/// <summary>
/// The parts of one straight-through <see cref="IWorkflowRuntime.ExecuteAsync"/>, each measured alone: the engine on
/// two and on five activities, the definition lookup, the state serialization and the commit, in memory and on
/// SQLite (synchronous FULL). An empty SQLite transaction is the floor under every store call, and the commit without
/// journal records shows what the journal rows cost.
/// </summary>
[Config(typeof(ShortRunConfig))]
public class CostBreakdownBenchmarks
{
    private EngineHost _memory = null!;
    private EngineHost _sqlite = null!;
    private string _memoryDefinitionId = null!;
    private string _sqliteDefinitionId = null!;
    private Workflow _startEnd = null!;
    private Workflow _straightThrough = null!;
    private WorkflowState _finishedState = null!;
    private IReadOnlyList<JournalEntry> _journal = null!;
    private string _finishedStateJson = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _memory = EngineHost.CreateInMemory();
        _sqlite = await EngineHost.CreateSqliteAsync(SqliteSynchronousMode.Full);
        _memoryDefinitionId = await _memory.PublishAsync(BenchmarkDefinitions.StraightThrough());
        _sqliteDefinitionId = await _sqlite.PublishAsync(BenchmarkDefinitions.StraightThrough());
        _straightThrough = await _memory.FindPublishedWorkflowAsync(_memoryDefinitionId);
        _startEnd = await _memory.FindPublishedWorkflowAsync(await _memory.PublishAsync(BenchmarkDefinitions.StartEnd()));

        // One instance run by the engine alone gives the state and journal that a commit writes.
        var context = await _memory.RunEngineOnlyAsync(_straightThrough);
        _finishedState = context.State;
        _journal = context.JournalEntries;
        _finishedStateJson = WorkflowStateSerializer.Serialize(_finishedState);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _memory.DisposeAsync();
        await _sqlite.DisposeAsync();
    }

    /// <summary>The engine alone on Start → End: the fixed cost of an instance.</summary>
    [Benchmark]
    public Task<WorkflowExecutionContext> EngineOnlyTwoActivities() => _memory.RunEngineOnlyAsync(_startEnd);

    /// <summary>The engine alone on the five-activity flowchart.</summary>
    [Benchmark]
    public Task<WorkflowExecutionContext> EngineOnlyFiveActivities() => _memory.RunEngineOnlyAsync(_straightThrough);

    /// <summary>
    /// The payload of one ActivityCompleted journal record, built the way the engine builds it: a JSON object with an
    /// array of outcomes, written to a string. The engine does this once per completed activity.
    /// </summary>
    [Benchmark]
    public string CompletedJournalPayload() => new JsonObject { ["outcomes"] = new JsonArray("Done") }.ToJsonString();

    /// <summary>The state of a finished straight-through instance to JSON, as every commit does.</summary>
    [Benchmark]
    public string SerializeState() => WorkflowStateSerializer.Serialize(_finishedState);

    /// <summary>The published-version lookup and graph-cache hit that start every ExecuteAsync, in memory.</summary>
    [Benchmark]
    public Task<Workflow> DefinitionLookupInMemory() => _memory.FindPublishedWorkflowAsync(_memoryDefinitionId);

    /// <summary>The same lookup on SQLite: one query per started instance.</summary>
    [Benchmark]
    public Task<Workflow> DefinitionLookupSqlite() => _sqlite.FindPublishedWorkflowAsync(_sqliteDefinitionId);

    /// <summary>The commit of a new finished instance with its journal, in memory.</summary>
    [Benchmark]
    public Task CommitInMemory() => CommitNewInstanceAsync(_memory, withJournal: true);

    /// <summary>The commit of a new finished instance with its journal, on SQLite.</summary>
    [Benchmark]
    public Task CommitSqlite() => CommitNewInstanceAsync(_sqlite, withJournal: true);

    /// <summary>The same commit on SQLite without its journal records: the summary and state rows only.</summary>
    [Benchmark]
    public Task CommitSqliteWithoutJournal() => CommitNewInstanceAsync(_sqlite, withJournal: false);

    /// <summary>A pooled context that opens its connection, begins and commits a transaction that writes nothing.</summary>
    [Benchmark]
    public async Task EmptyTransactionSqlite()
    {
        var factory = _sqlite.Services.GetRequiredService<IDbContextFactory<ModelEngineDbContext>>();
        await using var context = await factory.CreateDbContextAsync();
        await using var transaction = await context.Database.BeginTransactionAsync();
        await transaction.CommitAsync();
    }

    private Task CommitNewInstanceAsync(EngineHost host, bool withJournal)
    {
        var instanceId = Guid.NewGuid().ToString("N");
        var state = _finishedState;
        var commit = new WorkflowCommit
        {
            Summary = new WorkflowInstanceSummary
            {
                Id = instanceId,
                DefinitionId = state.DefinitionId,
                DefinitionVersionId = state.DefinitionVersionId,
                Version = state.Version,
                SubStatus = state.SubStatus,
                Initiator = state.Initiator,
                CreatedAt = state.CreatedAt,
                UpdatedAt = state.UpdatedAt,
                FinishedAt = state.FinishedAt,
                Revision = 1,
            },
            StateJson = _finishedStateJson,
            Journal = withJournal ? _journal.Select(entry => entry with { WorkflowInstanceId = instanceId }).ToList() : [],
        };

        return host.Services.GetRequiredService<IWorkflowCommitter>().CommitAsync(commit);
    }
}
