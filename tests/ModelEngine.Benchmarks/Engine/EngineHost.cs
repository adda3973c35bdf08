using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ModelEngine.Benchmarks.Definitions;
using ModelEngine.HumanTasks;
using ModelEngine.HumanTasks.Inbox;
using ModelEngine.Persistence.EntityFrameworkCore;
using ModelEngine.Persistence.EntityFrameworkCore.Sqlite;
using ModelEngine.Workflows;
using ModelEngine.Workflows.Expressions;
using ModelEngine.Workflows.Management;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Runtime;
using ModelEngine.Workflows.Scripting;
using ModelEngine.Workflows.Security;

namespace ModelEngine.Benchmarks.Engine;

/// <summary>
/// An engine with the modules a server registers (workflows, human tasks, scripting), on the in-memory stores or on a
/// migrated SQLite file in its own temporary directory, which <see cref="DisposeAsync"/> deletes.
/// </summary>
internal sealed class EngineHost : IAsyncDisposable
{
    /// <summary>How many times the approval lifecycle runs an instance's pending work before it gives up.</summary>
    private const int MaxPendingRuns = 3;

    private static readonly UserIdentity Reviewer = new("reviewer", new HashSet<string>(StringComparer.Ordinal) { BenchmarkDefinitions.ReviewerGroup });
    private static readonly TaskCompletion Approve = new(BenchmarkDefinitions.ApproveOutcome);

    private readonly ServiceProvider _services;
    private readonly string? _databaseDirectory;
    private readonly ExpressionEvaluatorRegistry _evaluators;

    private EngineHost(ServiceProvider services, string? databaseDirectory, string? connectionString = null)
    {
        _services = services;
        _databaseDirectory = databaseDirectory;
        ConnectionString = connectionString;
        Runtime = services.GetRequiredService<IWorkflowRuntime>();
        Instances = services.GetRequiredService<IWorkflowInstanceStore>();
        TaskStore = services.GetRequiredService<IHumanTaskStore>();
        Tasks = services.GetRequiredService<IHumanTaskService>();
        _evaluators = services.GetRequiredService<ExpressionEvaluatorRegistry>();
    }

    public IServiceProvider Services => _services;

    /// <summary>The connection string of the SQLite file, or <see langword="null"/> on the other stores.</summary>
    public string? ConnectionString { get; }

    public IWorkflowRuntime Runtime { get; }

    public IWorkflowInstanceStore Instances { get; }

    public IHumanTaskStore TaskStore { get; }

    public IHumanTaskService Tasks { get; }

    /// <summary>Builds an engine on the default in-memory stores.</summary>
    public static EngineHost CreateInMemory() => new(BuildServices(null), null);

    /// <summary>Builds an engine on a new SQLite file and applies the migrations.</summary>
    public static async Task<EngineHost> CreateSqliteAsync(SqliteSynchronousMode synchronous)
    {
        var directory = Directory.CreateTempSubdirectory("modelengine-benchmarks-").FullName;
        var connectionString = $"Data Source={Path.Combine(directory, "modelengine.db")}";
        var host = new EngineHost(
            BuildServices(services => services.AddModelEngineEntityFrameworkCore(connectionString, options => options.Synchronous = synchronous)),
            directory,
            connectionString);
        await host.Services.MigrateModelEngineDatabaseAsync();
        return host;
    }

    /// <summary>
    /// Builds an engine on an existing PostgreSQL database. <paramref name="migrate"/> applies the migrations; the
    /// second node of a pair skips it. The database is left in place: its owner drops it.
    /// </summary>
    public static async Task<EngineHost> CreatePostgreSqlAsync(string connectionString, bool migrate)
    {
        var host = new EngineHost(
            BuildServices(services => services.AddModelEngineEntityFrameworkCore(PersistenceProvider.PostgreSql, connectionString)),
            databaseDirectory: null);
        if (migrate)
        {
            await host.Services.MigrateModelEngineDatabaseAsync();
        }

        return host;
    }

    /// <summary>Starts an instance and throws unless it suspended on its task. Returns the task's id.</summary>
    public async Task<string> StartToTaskAsync(StartWorkflowRequest request)
    {
        var view = await Runtime.ExecuteAsync(request);
        if (view.Summary.SubStatus != WorkflowSubStatus.Suspended)
        {
            throw new InvalidOperationException($"Instance '{view.Summary.Id}' ended its step as {view.Summary.SubStatus}, but the approval definition should suspend on its task.");
        }

        var tasks = await TaskStore.ListByInstanceAsync(view.Summary.Id);
        if (tasks.Count != 1)
        {
            throw new InvalidOperationException($"Instance '{view.Summary.Id}' has {tasks.Count} tasks after its start, but the approval definition creates exactly one.");
        }

        return tasks[0].Id;
    }

    /// <summary>Claims and completes a task as a member of the reviewer group, as two API calls would.</summary>
    public async Task ClaimAndCompleteAsync(string taskId)
    {
        await Tasks.ClaimAsync(taskId, Reviewer, ifMatch: null);
        await Tasks.CompleteAsync(taskId, Reviewer, Approve, ifMatch: null);
    }

    /// <summary>Saves and publishes a definition model and returns its definition id.</summary>
    public async Task<string> PublishAsync(JsonObject model)
    {
        var definitions = _services.GetRequiredService<IWorkflowDefinitionService>();
        var result = await definitions.SaveAsync(model, publish: true, actor: "benchmarks");
        return result.Definition.DefinitionId;
    }

    /// <summary>Loads the published version of a definition through the graph cache, as the runtime does.</summary>
    public async Task<Workflow> FindPublishedWorkflowAsync(string definitionId)
    {
        var record = await _services.GetRequiredService<IWorkflowDefinitionStore>().FindPublishedAsync(definitionId)
            ?? throw new InvalidOperationException($"Definition '{definitionId}' has no published version. Publish it before the benchmark runs.");
        return _services.GetRequiredService<WorkflowGraphCache>().Get(record);
    }

    /// <summary>
    /// Runs a new instance on an execution context alone, with no lock, no serialization and no commit, and throws
    /// unless it finished. Returns the context, whose state and journal a commit would write.
    /// </summary>
    public async Task<WorkflowExecutionContext> RunEngineOnlyAsync(Workflow workflow)
    {
        var state = WorkflowExecutionContext.CreateState(
            workflow,
            Guid.NewGuid().ToString("N"),
            input: null,
            correlationId: null,
            initiator: "benchmarks",
            TimeProvider.System.GetUtcNow());
        var context = new WorkflowExecutionContext(workflow, state, _services, _evaluators, TimeProvider.System);
        context.AddJournal(JournalEvents.WorkflowStarted, null, null, null);
        await context.RunAsync();
        EnsureFinished(state.Id, state.SubStatus);
        return context;
    }

    /// <summary>Starts an instance, runs it and throws unless it finished in that one step.</summary>
    public async Task<string> ExecuteToFinishedAsync(StartWorkflowRequest request)
    {
        var view = await Runtime.ExecuteAsync(request);
        EnsureFinished(view.Summary.Id, view.Summary.SubStatus);
        return view.Summary.Id;
    }

    /// <summary>
    /// Takes one instance of the approval definition through its whole life: start it, find its task, claim and
    /// complete the task, then run the resumed instance until it finishes.
    /// </summary>
    public async Task<string> RunApprovalAsync(StartWorkflowRequest request)
    {
        var view = await Runtime.ExecuteAsync(request);
        var instanceId = view.Summary.Id;
        var tasks = await TaskStore.ListByInstanceAsync(instanceId);
        if (tasks.Count != 1)
        {
            throw new InvalidOperationException($"Instance '{instanceId}' has {tasks.Count} tasks after its start, but the approval definition creates exactly one.");
        }

        var taskId = tasks[0].Id;
        await Tasks.ClaimAsync(taskId, Reviewer, ifMatch: null);
        await Tasks.CompleteAsync(taskId, Reviewer, Approve, ifMatch: null);

        WorkflowSubStatus? subStatus = null;
        for (var run = 0; run < MaxPendingRuns; run++)
        {
            await Runtime.RunPendingAsync(instanceId);
            subStatus = (await Instances.FindSummaryAsync(instanceId))?.SubStatus;
            if (subStatus == WorkflowSubStatus.Finished)
            {
                return instanceId;
            }
        }

        throw new InvalidOperationException($"Instance '{instanceId}' is {subStatus?.ToString() ?? "missing"} after {MaxPendingRuns} runs of its pending work, but completing its task should finish it.");
    }

    /// <summary>Throws unless an instance is Finished, so a broken definition cannot pass for a fast one.</summary>
    public static void EnsureFinished(string instanceId, WorkflowSubStatus subStatus)
    {
        if (subStatus != WorkflowSubStatus.Finished)
        {
            throw new InvalidOperationException($"Instance '{instanceId}' ended its step as {subStatus}, but the benchmark definition should finish in one step.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        if (_databaseDirectory is not null)
        {
            // Pooled connections keep the database open. Closing them first means none of them writes to it once deleted.
            SqliteConnection.ClearAllPools();
            Directory.Delete(_databaseDirectory, recursive: true);
        }
    }

    private static ServiceProvider BuildServices(Action<IServiceCollection>? configure)
    {
        var services = new ServiceCollection();

        // Logging has no providers, so a run writes no log output.
        services.AddLogging();
        services.AddModelEngineWorkflows();
        services.AddModelEngineHumanTasks();
        services.AddModelEngineScripting();
        configure?.Invoke(services);
        return services.BuildServiceProvider();
    }
}
