using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ModelEngine.HumanTasks;
using ModelEngine.HumanTasks.Inbox;
using ModelEngine.Waterflow.Workflows;
using ModelEngine.Workflows.Management;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Runtime;
using ModelEngine.Workflows.Scripting;
using ModelEngine.Workflows.Security;

namespace ModelEngine.Workflows.Tests.Support;

/// <summary>An engine on in-memory stores with a fake clock, for unit tests of activities and flowcharts.</summary>
internal sealed class EngineHarness : IDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly ServiceProvider _services;

    public EngineHarness(Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddModelEngineWorkflows();
        services.AddModelEngineHumanTasks();
        services.AddModelEngineScripting();
        services.AddModelEngineWaterflow();
        configure?.Invoke(services);
        _services = services.BuildServiceProvider();
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

    public IServiceProvider Services => _services;

    public IWorkflowRuntime Runtime => _services.GetRequiredService<IWorkflowRuntime>();

    public IWorkflowDefinitionService Definitions => _services.GetRequiredService<IWorkflowDefinitionService>();

    public IWorkflowInstanceStore Instances => _services.GetRequiredService<IWorkflowInstanceStore>();

    public IHumanTaskService Tasks => _services.GetRequiredService<IHumanTaskService>();

    public IHumanTaskStore TaskStore => _services.GetRequiredService<IHumanTaskStore>();

    public static UserIdentity User(string name, params string[] groups) => new(name, new HashSet<string>(groups));

    /// <summary>Publishes a flowchart built from activity and connection JSON, and returns its definition id.</summary>
    public async Task<string> PublishAsync(JsonArray activities, JsonArray connections, JsonArray? variables = null)
    {
        var model = new JsonObject
        {
            ["name"] = "Test",
            ["variables"] = variables ?? [],
            ["root"] = new JsonObject
            {
                ["type"] = "Elsa.Flowchart",
                ["id"] = "root",
                ["activities"] = activities,
                ["connections"] = connections,
            },
        };

        var result = await Definitions.SaveAsync(model, publish: true, "test").WaitAsync(Timeout);
        return result.Definition.DefinitionId;
    }

    public async Task<WorkflowInstanceView> ExecuteAsync(string definitionId, JsonObject? input = null, string? initiator = "alice") =>
        await Runtime.ExecuteAsync(new StartWorkflowRequest(definitionId, input, Initiator: initiator)).WaitAsync(Timeout);

    /// <summary>Runs the committed pending work of an instance, as the background worker would.</summary>
    public async Task<WorkflowInstanceView> RunPendingAsync(string instanceId)
    {
        await Runtime.RunPendingAsync(instanceId).WaitAsync(Timeout);
        return (await Runtime.GetAsync(instanceId).WaitAsync(Timeout))!;
    }

    public async Task<IReadOnlyList<JournalEntry>> JournalAsync(string instanceId) =>
        (await Instances.GetJournalAsync(instanceId, new PageRequest(1, 1000)).WaitAsync(Timeout)).Items;

    /// <summary>Returns the ids of activities in the order they completed.</summary>
    public async Task<IReadOnlyList<string>> CompletedActivitiesAsync(string instanceId) =>
        (await JournalAsync(instanceId)).Where(entry => entry.EventName == JournalEvents.ActivityCompleted && entry.ActivityId != "root").Select(entry => entry.ActivityId!).ToList();

    public void Dispose() => _services.Dispose();
}
