using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ModelEngine.Fel.Testing;
using ModelEngine.Fel.Tools.Tests.Support;
using ModelEngine.Workflows;
using ModelEngine.Workflows.Management;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Runtime;
using ModelEngine.Workflows.Scripting;
using static ModelEngine.Workflows.Tests.Support.Json;

namespace ModelEngine.Fel.Tools.Tests.Workflows;

public sealed class WorkflowToolSourceTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 5, 9, 0, 0, TimeSpan.Zero));
    private readonly ServiceProvider _services;

    public WorkflowToolSourceTests()
        : this(leasedElsewhere: false)
    {
    }

    private WorkflowToolSourceTests(bool leasedElsewhere)
    {
        var services = new ServiceCollection();
        if (leasedElsewhere)
        {
            services.AddSingleton<IWorkflowLeaseStore, LeasedElsewhereStore>();
        }

        services.AddLogging();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddModelEngineWorkflows();
        services.AddModelEngineScripting();
        _services = services.BuildServiceProvider();
    }

    private IWorkflowRuntime Runtime => _services.GetRequiredService<IWorkflowRuntime>();

    public void Dispose() => _services.Dispose();

    private WorkflowToolSource Source(params string[] definitionIds) => new(
        _services.GetRequiredService<IWorkflowDefinitionStore>(),
        Runtime,
        new WorkflowToolSettings { DefinitionIds = definitionIds, Timeout = TimeSpan.FromSeconds(5), TimeProvider = _clock });

    private async Task PublishAsync(string definitionId, JsonArray activities, JsonArray connections, JsonArray? inputs = null, string? description = null)
    {
        var model = new JsonObject
        {
            ["definitionId"] = definitionId,
            ["name"] = definitionId,
            ["description"] = description,
            ["inputs"] = inputs ?? [],
            ["root"] = new JsonObject
            {
                ["type"] = "Elsa.Flowchart",
                ["id"] = "root",
                ["activities"] = activities,
                ["connections"] = connections,
            },
        };
        await _services.GetRequiredService<IWorkflowDefinitionService>().SaveAsync(model, publish: true, "test").WaitAsync(Timeout);
    }

    private static JsonObject SetOutput(string id, string name, string javaScript) =>
        Activity(id, "Elsa.SetOutput", ("outputName", Literal(name, "String")), ("outputValue", Expr("JavaScript", javaScript)));

    private Task PublishGreetAsync() => PublishAsync(
        "greet",
        Array(SetOutput("out", "greeting", "'Hello, ' + getInput('name') + '!'.repeat(getInput('times') ?? 1)")),
        [],
        Array(
            new JsonObject { ["name"] = "name", ["type"] = "String", ["description"] = "Who to greet." },
            new JsonObject { ["name"] = "times", ["type"] = "Int32", ["defaultValue"] = 1 },
            new JsonObject { ["name"] = "tags", ["type"] = "String", ["isArray"] = true, ["defaultValue"] = new JsonArray() }),
        "Greets a person.");

    private Task PublishApprovalAsync() => PublishAsync(
        "approval",
        Array(Activity("wait", "Elsa.RunTask", ("taskName", Literal("approve", "String"))), SetOutput("out", "approved", "true")),
        Array(Connect("wait", "out")));

    private async Task<JsonObject> InvokeAsync(AIFunction tool, AIFunctionArguments arguments)
    {
        var result = await tool.InvokeAsync(arguments).AsTask().WaitAsync(Timeout);
        return JsonNode.Parse(Assert.IsType<JsonElement>(result).GetRawText())!.AsObject();
    }

    [Fact]
    public async Task Schema_FromDefinitionInputs()
    {
        await PublishGreetAsync();

        var tool = Assert.Single(await Source("greet").GetToolsAsync(null).AsTask().WaitAsync(Timeout));
        var schema = JsonNode.Parse(tool.JsonSchema.GetRawText())!.AsObject();

        MetaSchema.AssertValid(tool.JsonSchema);
        Assert.Equal("workflow_greet", tool.Name);
        Assert.Contains("Greets a person.", tool.Description, StringComparison.Ordinal);
        Assert.Equal(["name"], schema["required"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal("string", schema["properties"]!["name"]!["type"]!.GetValue<string>());
        Assert.Equal("Who to greet.", schema["properties"]!["name"]!["description"]!.GetValue<string>());
        Assert.Equal("integer", schema["properties"]!["times"]!["type"]!.GetValue<string>());
        Assert.Equal(1, schema["properties"]!["times"]!["default"]!.GetValue<int>());
        Assert.Equal("array", schema["properties"]!["tags"]!["type"]!.GetValue<string>());
        Assert.Equal("string", schema["properties"]!["tags"]!["items"]!["type"]!.GetValue<string>());
        Assert.Equal("greet", tool.AdditionalProperties[FelToolProperties.Id]);
    }

    [Fact]
    public async Task Invoke_FinishingWorkflow_ReturnsOutput()
    {
        await PublishGreetAsync();
        var tool = Assert.Single(await Source("greet").GetToolsAsync(null).AsTask().WaitAsync(Timeout));

        var result = await InvokeAsync(tool, new AIFunctionArguments { ["name"] = "Ada", ["times"] = 2 });

        Assert.Equal("finished", result["status"]!.GetValue<string>());
        Assert.Equal("Hello, Ada!!", result["output"]!["greeting"]!.GetValue<string>());
        var instance = await Runtime.GetAsync(result["instanceId"]!.GetValue<string>()).WaitAsync(Timeout);
        Assert.Equal(WorkflowSubStatus.Finished, instance!.Summary.SubStatus);
        Assert.Equal("fel-agent", instance.Summary.Initiator);
    }

    [Fact]
    public async Task Invoke_SuspendingWorkflow_ReturnsWaiting()
    {
        await PublishApprovalAsync();
        var tool = Assert.Single(await Source("approval").GetToolsAsync(null).AsTask().WaitAsync(Timeout));

        var result = await InvokeAsync(tool, []);

        Assert.Equal("waiting", result["status"]!.GetValue<string>());
        var instanceId = result["instanceId"]!.GetValue<string>();
        Assert.Contains(instanceId, result["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(result.ContainsKey("output"));
        var instance = await Runtime.GetAsync(instanceId).WaitAsync(Timeout);
        Assert.Equal(WorkflowSubStatus.Suspended, instance!.Summary.SubStatus);
    }

    [Fact]
    public async Task Invoke_RunningElsewherePastTimeout_ReturnsRunning()
    {
        using var engine = new WorkflowToolSourceTests(leasedElsewhere: true);
        await engine.PublishGreetAsync();
        var tool = Assert.Single(await engine.Source("greet").GetToolsAsync(null).AsTask().WaitAsync(Timeout));

        var call = engine.InvokeAsync(tool, new AIFunctionArguments { ["name"] = "Ada" });
        // The tool polls on the fake clock, so the clock moves on until the 5 s timeout passes. Each step waits a
        // little real time for the poll to register its next delay, and the loop is bounded.
        for (var step = 0; step < 500 && !call.IsCompleted; step++)
        {
            engine._clock.Advance(TimeSpan.FromMilliseconds(200));
            await Task.WhenAny(call, Task.Delay(TimeSpan.FromMilliseconds(10)));
        }

        var result = await call.WaitAsync(Timeout);

        Assert.Equal("running", result["status"]!.GetValue<string>());
        var instance = await engine.Runtime.GetAsync(result["instanceId"]!.GetValue<string>()).WaitAsync(Timeout);
        Assert.Equal(WorkflowSubStatus.Pending, instance!.Summary.SubStatus);
        Assert.Contains("still running after 5 s", result["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_FaultingWorkflow_FailsWithIncident()
    {
        await PublishAsync("broken", Array(SetOutput("out", "value", "nosuchfunction()")), []);
        var tool = Assert.Single(await Source("broken").GetToolsAsync(null).AsTask().WaitAsync(Timeout));

        var exception = await Assert.ThrowsAsync<FelToolException>(() => tool.InvokeAsync([]).AsTask().WaitAsync(Timeout));

        Assert.Contains("faulted", exception.Message, StringComparison.Ordinal);
        Assert.Contains("activity 'out'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unpublished_RequestedByName_Fails()
    {
        var source = Source("missing");

        var all = await source.GetToolsAsync(null).AsTask().WaitAsync(Timeout);
        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => source.GetToolsAsync(["workflow_missing"]).AsTask().WaitAsync(Timeout));

        Assert.Empty(all);
        Assert.Contains("'missing'", exception.Message, StringComparison.Ordinal);
        Assert.Contains(WorkflowToolSource.ConfigKey, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Agent_CallsWorkflow_OutputReachesNextModelCall()
    {
        await PublishGreetAsync();
        var tools = await Source("greet").GetToolsAsync(null).AsTask().WaitAsync(Timeout);
        var client = new ScriptedChatClient()
            .CallTool("workflow_greet", new Dictionary<string, object?> { ["name"] = "Lin" })
            .Reply("Done.");

        var result = await new FelAgent(client, tools).RunAsync([new ChatMessage(ChatRole.User, "Greet Lin.")]).WaitAsync(Timeout);

        Assert.Equal("Done.", result.Text);
        var toolResult = client.Requests[1].Messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>().Single();
        Assert.Contains("Hello, Lin!", FelAgent.DescribeResult(toolResult.Result), StringComparison.Ordinal);
    }
}
