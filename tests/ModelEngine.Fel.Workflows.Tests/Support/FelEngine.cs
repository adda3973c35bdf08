using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ModelEngine.Fel.Testing;
using ModelEngine.Fel.Workflows.Conversations;
using ModelEngine.Fel.Workflows.Streaming;
using ModelEngine.Workflows;
using ModelEngine.Workflows.Management;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Runtime;
using ModelEngine.Workflows.Runtime.State;
using ModelEngine.Workflows.Scripting;
using ModelEngine.Workflows.Validation;

namespace ModelEngine.Fel.Workflows.Tests.Support;

/// <summary>
/// An engine on in-memory stores with a fake clock and the FEL activities. A scripted chat client responds as model
/// <see cref="ModelName"/>, and in-memory fakes stand in for the knowledge base and the ingestor.
/// </summary>
internal sealed class FelEngine : IDisposable
{
    public const string ModelName = "drafting";

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly ServiceProvider _services;

    public FelEngine(bool withCatalog = true, bool withKnowledge = true, params IFelToolSource[] toolSources)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddModelEngineWorkflows();
        services.AddModelEngineScripting();
        services.AddModelEngineFelWorkflows();
        if (withCatalog)
        {
            services.AddSingleton<IFelModelCatalog>(Catalog);
        }

        if (withKnowledge)
        {
            services.AddSingleton<IKnowledgeBaseProvider>(Knowledge);
            services.AddSingleton<IKnowledgeIngestor>(new WordSplittingIngestor(Knowledge));
        }

        foreach (var source in toolSources)
        {
            services.AddSingleton(source);
        }

        _services = services.BuildServiceProvider();
        Catalog.Add(ModelName, Client);
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 12, 5, 9, 0, 0, TimeSpan.Zero));

    public ScriptedChatClient Client { get; } = new();

    public TestModelCatalog Catalog { get; } = new();

    public InMemoryKnowledgeBaseProvider Knowledge { get; } = new();

    public IWorkflowRuntime Runtime => _services.GetRequiredService<IWorkflowRuntime>();

    public IGenerationStreamHub Hub => _services.GetRequiredService<IGenerationStreamHub>();

    public ConversationGate Gate => _services.GetRequiredService<ConversationGate>();

    public IServiceProvider Services => _services;

    /// <summary>Publishes a flowchart of <paramref name="activities"/> connected in order by their Done ports, and returns its definition id.</summary>
    public async Task<string> PublishChainAsync(params JsonObject[] activities)
    {
        var connections = new JsonArray();
        for (var i = 1; i < activities.Length; i++)
        {
            connections.Add(ModelEngine.Workflows.Tests.Support.Json.Connect(activities[i - 1]["id"]!.GetValue<string>(), activities[i]["id"]!.GetValue<string>()));
        }

        var model = new JsonObject
        {
            ["name"] = "Test",
            ["root"] = new JsonObject
            {
                ["type"] = "Elsa.Flowchart",
                ["id"] = "root",
                ["activities"] = ModelEngine.Workflows.Tests.Support.Json.Array(activities),
                ["connections"] = connections,
            },
        };
        var result = await _services.GetRequiredService<IWorkflowDefinitionService>().SaveAsync(model, publish: true, "test").WaitAsync(Timeout);
        return result.Definition.DefinitionId;
    }

    /// <summary>Publishes a chain that the loader must reject, and returns its validation messages joined.</summary>
    public async Task<string> PublishErrorsAsync(params JsonObject[] activities)
    {
        var exception = await Assert.ThrowsAsync<DefinitionValidationException>(() => PublishChainAsync(activities));
        return string.Join("; ", exception.Errors.Select(error => $"{error.Property}: {error.Message}"));
    }

    public async Task<WorkflowInstanceView> ExecuteAsync(string definitionId, JsonObject? input = null) =>
        await Runtime.ExecuteAsync(new StartWorkflowRequest(definitionId, input, Initiator: "alice")).WaitAsync(Timeout);

    /// <summary>Starts an instance without running it, so that a test can subscribe to it first.</summary>
    public async Task<string> DispatchAsync(string definitionId, JsonObject? input = null) =>
        await Runtime.DispatchAsync(new StartWorkflowRequest(definitionId, input, Initiator: "alice")).WaitAsync(Timeout);

    /// <summary>Runs a dispatched instance's pending work, as a background worker would, and returns the instance.</summary>
    public async Task<WorkflowInstanceView> RunDispatchedAsync(string instanceId)
    {
        await Runtime.RunPendingAsync(instanceId).WaitAsync(Timeout);
        var instance = await Runtime.GetAsync(instanceId).WaitAsync(Timeout);
        Assert.NotNull(instance);
        return instance;
    }

    public async Task<IReadOnlyList<JournalEntry>> JournalAsync(string instanceId) =>
        (await _services.GetRequiredService<IWorkflowInstanceStore>().GetJournalAsync(instanceId, new PageRequest(1, 1000)).WaitAsync(Timeout)).Items;

    /// <summary>Reads the instance's state as the store keeps it, serialized.</summary>
    public async Task<WorkflowState> LoadStateAsync(string instanceId)
    {
        var snapshot = await _services.GetRequiredService<IWorkflowInstanceStore>().LoadAsync(instanceId).WaitAsync(Timeout);
        Assert.NotNull(snapshot);
        return WorkflowStateSerializer.Deserialize(snapshot.StateJson);
    }

    public static string Incidents(WorkflowInstanceView instance) => string.Join("; ", instance.Incidents.Select(incident => incident.Message));

    public void Dispose() => _services.Dispose();
}
