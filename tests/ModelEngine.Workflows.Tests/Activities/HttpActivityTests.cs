using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ModelEngine.Workflows.Activities.Http;
using ModelEngine.Workflows.Idempotency;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Runtime;
using ModelEngine.Workflows.Tests.Support;
using static ModelEngine.Workflows.Tests.Support.Json;

namespace ModelEngine.Workflows.Tests.Activities;

public sealed class HttpActivityTests
{
    [Theory]
    [InlineData("orders/{id}", "orders/17", "id=17")]
    [InlineData("/Orders/{id}/approve/", "orders/17/APPROVE", "id=17")]
    [InlineData("a/{x}/{y}", "a/1/2", "x=1;y=2")]
    [InlineData("orders/{id}", "orders", null)]
    [InlineData("orders/{id}", "orders/17/approve", null)]
    [InlineData("orders/{id}", "invoices/17", null)]
    public void RouteTemplate_Match_ReturnsRouteValues(string template, string path, string? expected)
    {
        Assert.True(HttpRouteTemplate.TryParse(template, out var parsed, out var error), error);

        var values = parsed.Match(path.Split('/'));

        var actual = values is null ? null : string.Join(';', values.Select(pair => $"{pair.Key}={pair.Value}"));
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/")]
    [InlineData("orders//{id}")]
    [InlineData("orders/{id")]
    [InlineData("orders/x{id}")]
    [InlineData("orders/{id?}")]
    [InlineData("orders/{*rest}")]
    [InlineData("a/{id}/{id}")]
    [InlineData("../x")]
    [InlineData("orders/./{id}")]
    public void RouteTemplate_Invalid_IsRejected(string template)
    {
        Assert.False(HttpRouteTemplate.TryParse(template, out _, out var error));
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public void RouteTemplate_ParameterNames_DoNotChangeKey()
    {
        HttpRouteTemplate.TryParse("orders/{id}", out var first, out _);
        HttpRouteTemplate.TryParse("Orders/{orderId}", out var second, out _);

        Assert.Equal("orders/{}", first!.Key);
        Assert.Equal(first.Key, second!.Key);
    }

    [Fact]
    public async Task Trigger_WithRequest_SetsOutputsAndWritesResponse()
    {
        var sink = new RecordingHttpResponseSink();
        using var engine = new EngineHarness(services => services.AddSingleton<IHttpResponseSink>(sink));
        var id = await PublishEchoAsync(engine, Literal("orders/{id}", "String"));
        var request = new JsonObject
        {
            [HttpRequestModel.Id] = "request-1",
            [HttpRequestModel.RouteValues] = new JsonObject { ["id"] = "17" },
            [HttpRequestModel.Body] = new JsonObject { ["amount"] = 5 },
        };

        var view = await engine.Runtime.ExecuteAsync(new StartWorkflowRequest(id, Properties: HttpRequestModel.TriggerProperties("root:http", request)));

        Assert.Equal(WorkflowSubStatus.Finished, view.Summary.SubStatus);
        var (requestId, instanceId, response) = Assert.Single(sink.Responses);
        Assert.Equal("request-1", requestId);
        Assert.Equal(view.Summary.Id, instanceId);
        Assert.Equal(201, response.StatusCode);
        Assert.Equal("""{"id":"17","amount":5}""", response.Body);
        Assert.StartsWith("application/json", response.ContentType);

        // A request that waits on another node reads the same response from the committed state.
        var state = WorkflowStateSerializer.Deserialize((await engine.Instances.LoadAsync(view.Summary.Id))!.StateJson);
        var stored = HttpRequestModel.ReadStoredResponse(state, "request-1");
        Assert.Equal(201, stored?.StatusCode);
        Assert.Equal(response.Body, stored?.Body);
        Assert.Null(HttpRequestModel.ReadStoredResponse(state, "request-other"));
    }

    [Fact]
    public async Task Endpoint_WithoutTrigger_WaitsOnBookmark()
    {
        var sink = new RecordingHttpResponseSink();
        using var engine = new EngineHarness(services => services.AddSingleton<IHttpResponseSink>(sink));
        var id = await PublishEchoAsync(engine, Expr("JavaScript", "'orders/' + '{id}'", "String"));

        var view = await engine.Runtime.ExecuteAsync(new StartWorkflowRequest(id));
        var bookmark = Assert.Single(await engine.Instances.ListBookmarksAsync(HttpEndpoint.TypeName, view.Summary.Id));
        var payload = JsonNode.Parse(bookmark.PayloadJson!)!;
        var request = new JsonObject { [HttpRequestModel.Id] = "request-2", [HttpRequestModel.RouteValues] = new JsonObject { ["id"] = "9" } };
        await engine.Runtime.ResumeAsync(new ResumeWorkflowRequest(view.Summary.Id, bookmark.Id, request));
        var finished = await engine.RunPendingAsync(view.Summary.Id);

        Assert.Equal(WorkflowSubStatus.Suspended, view.Summary.SubStatus);
        Assert.Equal("orders/{id}", payload[HttpEndpoint.PathPayload]?.GetValue<string>());
        Assert.Equal("""["POST"]""", payload[HttpEndpoint.MethodsPayload]?.ToJsonString());
        Assert.True(payload[HttpEndpoint.AuthorizePayload]?.GetValue<bool>());
        Assert.Equal(WorkflowSubStatus.Finished, finished.Summary.SubStatus);
        Assert.Equal("request-2", Assert.Single(sink.Responses).RequestId);
    }

    [Fact]
    public async Task Triggers_NonLiteralPath_AreRejectedAtPublish()
    {
        using var engine = new EngineHarness();
        var id = await PublishEchoAsync(engine, Expr("JavaScript", "'orders'", "String"));
        var record = (await engine.Services.GetRequiredService<IWorkflowDefinitionStore>().FindPublishedAsync(id))!;
        var workflow = engine.Services.GetRequiredService<WorkflowGraphCache>().Get(record);

        var (triggers, errors) = HttpEndpointTriggers.Read(workflow);

        Assert.Empty(triggers);
        Assert.Equal("path", Assert.Single(errors).Property);
    }

    [Fact]
    public async Task Dispatch_WithStoredIdempotencyKey_FailsWithoutWriting()
    {
        using var engine = new EngineHarness();
        var id = await PublishEchoAsync(engine, Literal("orders/{id}", "String"));
        var record = new IdempotencyRecord { Scope = "test", Caller = "alice", Key = "k", RequestHash = "h", ExpiresAt = engine.Clock.GetUtcNow().AddHours(1) };

        var first = await engine.Runtime.DispatchAsync(new StartWorkflowRequest(id, Changes: [record]));
        var second = engine.Runtime.DispatchAsync(new StartWorkflowRequest(id, Changes: [record]));

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => second);
        Assert.NotNull(await engine.Services.GetRequiredService<IIdempotencyStore>().FindAsync("test", "alice", "k"));
        var instances = await engine.Instances.ListAsync(new InstanceListQuery(new PageRequest(), id));
        Assert.Equal(first, Assert.Single(instances.Items).Id);
    }

    private static Task<string> PublishEchoAsync(EngineHarness engine, JsonObject path) => engine.PublishAsync(
        Array(
            Activity("http", "Elsa.HttpEndpoint", ("path", path), ("supportedMethods", Wrapped("Object", JsonValue.Create("[\"post\"]"), "String[]"))),
            Activity("respond", "Elsa.WriteHttpResponse",
                ("statusCode", Literal("201", "Int32")),
                ("content", Expr("JavaScript", "({ id: getOutputFrom('http', 'routeData').id, amount: (getOutputFrom('http', 'parsedContent') || {}).amount })")))),
        Array(Connect("http", "respond")));
}
