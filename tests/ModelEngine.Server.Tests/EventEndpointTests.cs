using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ModelEngine.Server.Tests.Infrastructure;

namespace ModelEngine.Server.Tests;

public sealed class EventEndpointTests : IClassFixture<ServerFactory>
{
    private const string DevelopmentApiKey = "modelengine-dev-worker-key";

    private readonly ServerFactory _factory;

    public EventEndpointTests(ServerFactory factory)
    {
        _factory = factory;
    }

    private static JsonObject Definition(string definitionId) => JsonNode.Parse($$"""
        { "definitionId": "{{definitionId}}", "root": { "type": "Elsa.Flowchart", "id": "f",
          "activities": [
            { "id": "wait", "type": "Elsa.Event", "eventName": { "typeName": "String", "expression": { "type": "Literal", "value": "PaymentReceived" } } },
            { "id": "out", "type": "Elsa.SetOutput",
              "outputName": { "typeName": "String", "expression": { "type": "Literal", "value": "paid" } },
              "outputValue": { "typeName": "Object", "expression": { "type": "JavaScript", "value": "getLastResult().amount" } } } ],
          "connections": [ { "source": { "activity": "wait", "port": "Done" }, "target": { "activity": "out", "port": "In" } } ] } }
        """)!.AsObject();

    [Fact]
    public async Task Trigger_WithApiKey_ResumesCorrelatedInstance()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        var alice = await _factory.CreateClientForAsync("alice");
        var worker = _factory.CreateClient();
        worker.DefaultRequestHeaders.Add("X-Api-Key", DevelopmentApiKey);
        await Fixtures.PublishAsync(dave, Definition("payment-wait"));
        var dispatched = await alice.PostObjectAsync("/api/workflow-definitions/payment-wait/dispatch", new { correlationId = "order-7" }, HttpStatusCode.Accepted);
        var instanceId = dispatched["workflowInstanceId"]!.GetValue<string>();
        await Instances.WaitForSubStatusAsync(alice, instanceId, "Suspended");

        var other = await worker.PostObjectAsync("/api/events/PaymentReceived/trigger", new { correlationId = "order-8", input = new { amount = 1 } });
        var triggered = await worker.PostObjectAsync("/api/events/PaymentReceived/trigger", new { correlationId = "order-7", input = new { amount = 99 } });

        Assert.Empty(other["resumedInstances"]!.AsArray());
        Assert.Equal(instanceId, Assert.Single(triggered["resumedInstances"]!.AsArray())!.GetValue<string>());
        var finished = await Instances.WaitForSubStatusAsync(alice, instanceId, "Finished");
        Assert.Equal(99, finished["output"]?["paid"]?.GetValue<int>());
    }

    [Fact]
    public async Task Trigger_AsRequester_IsForbidden()
    {
        var alice = await _factory.CreateClientForAsync("alice");

        var response = await alice.PostAsync("/api/events/PaymentReceived/trigger", JsonContent.Create(new { }));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Trigger_BlankName_Returns400()
    {
        var admin = await _factory.CreateClientForAsync("admin");

        var response = await admin.PostAsync("/api/events/%20/trigger", JsonContent.Create(new { }));

        var problem = await response.ReadObjectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("name", problem["parameter"]?.GetValue<string>());
    }
}
