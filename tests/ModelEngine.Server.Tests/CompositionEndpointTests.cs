using System.Net;
using System.Text.Json.Nodes;
using ModelEngine.Server.Tests.Infrastructure;

namespace ModelEngine.Server.Tests;

/// <summary>Child workflows, definitions used as activities and instance migration through the API.</summary>
public sealed class CompositionEndpointTests : IClassFixture<ServerFactory>
{
    private readonly ServerFactory _factory;

    public CompositionEndpointTests(ServerFactory factory)
    {
        _factory = factory;
    }

    private static JsonObject Literal(object value, string typeName = "String") => new()
    {
        ["typeName"] = typeName,
        ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = JsonValue.Create(value) },
    };

    private static JsonObject Script(string value) => new()
    {
        ["typeName"] = "Object",
        ["expression"] = new JsonObject { ["type"] = "JavaScript", ["value"] = value },
    };

    private static JsonObject Connect(string source, string target) => new()
    {
        ["source"] = new JsonObject { ["activity"] = source, ["port"] = "Done" },
        ["target"] = new JsonObject { ["activity"] = target, ["port"] = "In" },
    };

    private static JsonObject Model(string definitionId, JsonArray activities, JsonArray connections, JsonObject? header = null)
    {
        var model = new JsonObject
        {
            ["definitionId"] = definitionId,
            ["name"] = definitionId,
            ["root"] = new JsonObject { ["type"] = "Elsa.Flowchart", ["id"] = "root", ["activities"] = activities, ["connections"] = connections },
        };
        foreach (var (name, value) in header ?? [])
        {
            model[name] = value?.DeepClone();
        }

        return model;
    }

    private static JsonObject RunTask(string id) => new() { ["id"] = id, ["type"] = "Elsa.RunTask", ["taskName"] = Literal("work") };

    private static JsonObject SetOutput(string id, string name, string script) =>
        new() { ["id"] = id, ["type"] = "Elsa.SetOutput", ["outputName"] = Literal(name), ["outputValue"] = Script(script) };

    [Fact]
    public async Task ExecuteWorkflow_ParentGetsChildOutput()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        var alice = await _factory.CreateClientForAsync("alice");
        var admin = await _factory.CreateClientForAsync("admin");
        await Fixtures.PublishAsync(dave, Model("composition-child", new JsonArray(RunTask("wait"), SetOutput("out", "answer", "getLastResult().value * 2")), new JsonArray(Connect("wait", "out"))));
        var execute = new JsonObject { ["id"] = "run", ["type"] = "Elsa.ExecuteWorkflow", ["workflowDefinitionId"] = Literal("composition-child") };
        await Fixtures.PublishAsync(dave, Model("composition-parent", new JsonArray(execute, SetOutput("out", "fromChild", "getOutputFrom('run', 'result').answer")), new JsonArray(Connect("run", "out"))));

        var parentId = await Instances.DispatchAsync(alice, "composition-parent", new { });
        await Instances.WaitForSubStatusAsync(alice, parentId, "Suspended");
        var children = await admin.GetObjectAsync("/api/workflow-instances?definitionId=composition-child");
        var childId = Assert.Single(children["items"]!.AsArray())!["id"]!.GetValue<string>();
        var runTasks = await Eventually.WaitAsync(
            () => admin.GetObjectAsync($"/api/run-tasks?workflowInstanceId={childId}"),
            list => list["items"]!.AsArray().Count > 0,
            $"the RunTask of child instance {childId}");
        var runTask = runTasks["items"]![0]!;
        await admin.PostObjectAsync($"/api/run-tasks/{runTask["id"]}/complete", new { result = new { value = 21 } });
        var parent = await Instances.WaitForSubStatusAsync(alice, parentId, "Finished");

        Assert.Equal(42, parent["output"]?["fromChild"]?.GetValue<int>());
    }

    [Fact]
    public async Task Descriptors_ListUsableDefinitions()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        var header = new JsonObject
        {
            ["options"] = new JsonObject { ["usableAsActivity"] = true },
            ["inputs"] = new JsonArray(new JsonObject { ["name"] = "amount", ["type"] = "Int32" }),
            ["outputs"] = new JsonArray(new JsonObject { ["name"] = "doubled", ["type"] = "Int32" }),
        };
        await Fixtures.PublishAsync(dave, Model("usable-doubler", new JsonArray(SetOutput("out", "doubled", "getInput('amount') * 2")), [], header));

        var descriptors = await dave.GetObjectAsync("/api/descriptors/activities");

        var items = descriptors["items"]!.AsArray().OfType<JsonObject>().ToList();
        var doubler = Assert.Single(items, item => item["typeName"]?.GetValue<string>() == "usable-doubler");
        Assert.Equal("usable-doubler", doubler["workflowDefinitionId"]?.GetValue<string>());
        Assert.Equal("amount", doubler["inputs"]![0]!["name"]?.GetValue<string>());
        Assert.Equal("doubled", doubler["outputs"]![0]!["name"]?.GetValue<string>());
        Assert.Contains(items, item => item["typeName"]?.GetValue<string>() == "ModelEngine.ExecuteWorkflow");
        Assert.Contains(items, item => item["typeName"]?.GetValue<string>() == "ModelEngine.ParallelForEach");
    }

    [Fact]
    public async Task Publish_UnknownChildDefinition_Returns400NamingActivity()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        var execute = new JsonObject { ["id"] = "run", ["type"] = "Elsa.ExecuteWorkflow", ["workflowDefinitionId"] = Literal("no-such-definition") };

        var problem = await dave.PostObjectAsync("/api/workflow-definitions", new { model = Model("bad-parent", new JsonArray(execute), []), publish = true }, HttpStatusCode.BadRequest);

        var error = Assert.Single(problem["errors"]!.AsArray());
        Assert.Equal("run", error?["activityId"]?.GetValue<string>());
        Assert.Equal("no-such-definition", error?["value"]?.GetValue<string>());
    }

    [Fact]
    public async Task Migrate_RejectsThenMovesInstance()
    {
        var (instanceId, alice, admin) = await StartOnVersionOneAsync("migrated");
        var carol = await _factory.CreateClientForAsync("carol");

        var unmapped = await admin.PostObjectAsync($"/api/workflow-instances/{instanceId}/migrate", new { targetVersion = 2 }, HttpStatusCode.Conflict);
        await carol.PostObjectAsync($"/api/workflow-instances/{instanceId}/migrate", new { targetVersion = 2 }, HttpStatusCode.NotFound);
        await alice.PostObjectAsync($"/api/workflow-instances/{instanceId}/migrate", new { targetVersion = 2 }, HttpStatusCode.Forbidden);
        var migrated = await admin.PostObjectAsync($"/api/workflow-instances/{instanceId}/migrate", new { targetVersion = 2, activityIdMap = new Dictionary<string, string> { ["a"] = "a2" } });
        var journal = await admin.GetObjectAsync($"/api/workflow-instances/{instanceId}/journal?pageSize=1000");
        var audit = await admin.GetObjectAsync($"/api/audit?action=Migrated&entityId={instanceId}");

        Assert.Equal("a", unmapped["activityId"]?.GetValue<string>());
        Assert.Equal(instanceId, unmapped["instanceId"]?.GetValue<string>());
        Assert.Contains("'a'", unmapped["detail"]?.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(2, migrated["version"]?.GetValue<int>());
        Assert.Contains(journal["items"]!.AsArray(), entry => entry?["eventName"]?.GetValue<string>() == "WorkflowMigrated");
        var record = Assert.Single(audit["items"]!.AsArray());
        Assert.Equal("admin", record?["actor"]?.GetValue<string>());
        Assert.Equal(2, record?["version"]?.GetValue<int>());
        Assert.Equal("from version 1", record?["detail"]?.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"targetVersion": 0}""", "$.targetVersion", "0")]
    [InlineData("""{"targetVersion": 9}""", "targetVersion", "9")]
    [InlineData("""{"targetVersion": 2, "activityIdMap": {"zzz": "a2"}}""", "activityIdMap.zzz", "a2")]
    [InlineData("""{"targetVersion": 2, "activityIdMap": {"a": "nowhere"}}""", "activityIdMap.a", "nowhere")]
    public async Task Migrate_BadInput_Returns400NamingField(string body, string parameter, string value)
    {
        var (instanceId, _, admin) = await StartOnVersionOneAsync("migrate-bad-" + Guid.NewGuid().ToString("N")[..8]);

        var response = await admin.PostRawAsync($"/api/workflow-instances/{instanceId}/migrate", body);
        var problem = await response.ReadObjectAsync(HttpStatusCode.BadRequest);

        Assert.Equal(parameter, problem["parameter"]?.GetValue<string>());
        Assert.Equal(value, problem["value"]?.GetValue<string>());
    }

    [Fact]
    public async Task Migrate_MalformedMap_Returns400()
    {
        var (instanceId, _, admin) = await StartOnVersionOneAsync("migrate-malformed");

        var response = await admin.PostRawAsync($"/api/workflow-instances/{instanceId}/migrate", """{"activityIdMap": {"a": 5}}""");

        await response.ReadObjectAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task MigrateMany_ReportsEachInstance()
    {
        var (instanceId, _, admin) = await StartOnVersionOneAsync("migrate-bulk");

        var result = await admin.PostObjectAsync("/api/workflow-instances/migrate", new
        {
            instanceIds = new[] { instanceId, "no-such-instance" },
            targetVersion = 2,
            activityIdMap = new Dictionary<string, string> { ["a"] = "a2" },
        });

        var items = result["items"]!.AsArray().OfType<JsonObject>().ToList();
        Assert.Equal(2, items.Count);
        Assert.Equal("Migrated", items[0]["outcome"]?.GetValue<string>());
        Assert.Equal(2, items[0]["version"]?.GetValue<int>());
        Assert.Equal("Rejected", items[1]["outcome"]?.GetValue<string>());
        Assert.Equal(404, items[1]["status"]?.GetValue<int>());
        var audit = await admin.GetObjectAsync($"/api/audit?action=Migrated&entityId={instanceId}");
        Assert.Single(audit["items"]!.AsArray());
    }

    [Theory]
    [InlineData("{}", "$.instanceIds")]
    [InlineData("""{"instanceIds": []}""", "$.instanceIds")]
    [InlineData("""{"instanceIds": ["x"], "targetVersion": -1}""", "$.targetVersion")]
    public async Task MigrateMany_BadInput_Returns400(string body, string parameter)
    {
        var admin = await _factory.CreateClientForAsync("admin");

        var response = await admin.PostRawAsync("/api/workflow-instances/migrate", body);
        var problem = await response.ReadObjectAsync(HttpStatusCode.BadRequest);

        Assert.Equal(parameter, problem["parameter"]?.GetValue<string>());
    }

    [Fact]
    public async Task MigrateMany_NonAdmin_Returns403()
    {
        var dave = await _factory.CreateClientForAsync("dave");

        await dave.PostObjectAsync("/api/workflow-instances/migrate", new { instanceIds = new[] { "x" } }, HttpStatusCode.Forbidden);
    }

    /// <summary>Publishes version 1 (waiting in "a"), starts an instance on it, then publishes version 2 (waiting in "a2").</summary>
    private async Task<(string InstanceId, HttpClient Alice, HttpClient Admin)> StartOnVersionOneAsync(string definitionId)
    {
        var dave = await _factory.CreateClientForAsync("dave");
        var alice = await _factory.CreateClientForAsync("alice");
        var admin = await _factory.CreateClientForAsync("admin");
        await Fixtures.PublishAsync(dave, Model(definitionId, new JsonArray(RunTask("a")), []));
        var instanceId = await Instances.DispatchAsync(alice, definitionId, new { });
        await Instances.WaitForSubStatusAsync(alice, instanceId, "Suspended");
        await dave.PostObjectAsync("/api/workflow-definitions", new { model = Model(definitionId, new JsonArray(RunTask("a2"), SetOutput("out", "done", "true")), new JsonArray(Connect("a2", "out"))), publish = true });
        return (instanceId, alice, admin);
    }
}
