using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ModelEngine.Fit.Client;
using ModelEngine.Fit.Registry;
using ModelEngine.Workflows;
using ModelEngine.Workflows.Management;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Runtime;
using ModelEngine.Workflows.Scripting;

namespace ModelEngine.Fit.Workflows.Tests.Support;

/// <summary>An engine on in-memory stores with a fake clock, the InvokeOperator activity, a registry and a fake client.</summary>
internal sealed class OperatorEngine : IDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly ServiceProvider _services;

    public OperatorEngine(bool withClient = true)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddModelEngineWorkflows();
        services.AddModelEngineScripting();
        services.AddModelEngineFitWorkflows();
        services.AddSingleton<IFitRegistry>(Registry);
        if (withClient)
        {
            services.AddSingleton<IFitClient>(Client);
        }

        _services = services.BuildServiceProvider();
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 12, 5, 9, 0, 0, TimeSpan.Zero));

    public FakeFitClient Client { get; } = new();

    public FitRegistry Registry { get; } = new();

    public IWorkflowRuntime Runtime => _services.GetRequiredService<IWorkflowRuntime>();

    public IWorkflowDefinitionService Definitions => _services.GetRequiredService<IWorkflowDefinitionService>();

    public IWorkflowInstanceStore Instances => _services.GetRequiredService<IWorkflowInstanceStore>();

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

    public async Task<WorkflowInstanceView> ExecuteAsync(string definitionId, JsonObject? input = null, CancellationToken cancellationToken = default) =>
        await Runtime.ExecuteAsync(new StartWorkflowRequest(definitionId, input, Initiator: "alice"), cancellationToken).WaitAsync(Timeout);

    public async Task<IReadOnlyList<JournalEntry>> JournalAsync(string instanceId) =>
        (await Instances.GetJournalAsync(instanceId, new PageRequest(1, 1000)).WaitAsync(Timeout)).Items;

    public void Dispose() => _services.Dispose();
}
