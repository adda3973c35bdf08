using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ModelEngine.Server.Tests.Infrastructure;

namespace ModelEngine.Server.Tests;

/// <summary>
/// The approval flow end to end over HTTP, on a definition written elsewhere in Elsa 3's export format and on the
/// purchase-approval sample.
/// </summary>
public sealed class AcceptanceFlowTests : IClassFixture<ServerFactory>
{
    private readonly ServerFactory _factory;

    public AcceptanceFlowTests(ServerFactory factory)
    {
        _factory = factory;
    }

    [Fact]
    public async Task ElsaDefinition_ApprovedByManager_Finishes()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        var alice = await _factory.CreateClientForAsync("alice");
        var bob = await _factory.CreateClientForAsync("bob");
        var carol = await _factory.CreateClientForAsync("carol");

        // dave saves the foreign file as a draft, then publishes it.
        var saved = await dave.PostObjectAsync("/api/workflow-definitions", new { model = Fixtures.Load(Fixtures.CapexReview), publish = false }, HttpStatusCode.Created);
        Assert.Equal("capex-review", saved["definitionId"]?.GetValue<string>());
        await dave.PostObjectAsync("/api/workflow-definitions/capex-review/publish", null);

        // alice dispatches it. The task is in the inbox of bob (managers) and not in that of carol (finance).
        var instanceId = await Instances.DispatchAsync(alice, "capex-review", new { amount = 25_000, item = "Forklift" });
        var task = await Instances.WaitForTaskAsync(bob, instanceId);
        var taskId = task["id"]!.GetValue<string>();
        Assert.Equal("Review a capital expense", task["title"]?.GetValue<string>());
        Assert.Equal(25_000, task["data"]?["amount"]?.GetValue<int>());
        Assert.Equal("Forklift", task["data"]?["item"]?.GetValue<string>());
        Assert.Equal("Ready", task["status"]?.GetValue<string>());
        Assert.Equal("alice", task["initiator"]?.GetValue<string>());
        Assert.Equal("capex-review", task["definitionId"]?.GetValue<string>());
        Assert.Equal(5, task["priority"]?.GetValue<int>());
        Assert.Contains("managers", task["candidateGroups"]!.AsArray().Select(group => group!.GetValue<string>()));
        Assert.Equal(["Approve", "Reject"], task["outcomes"]!.AsArray().Select(outcome => outcome!.GetValue<string>()));
        Assert.Null(Instances.FindTask(await carol.GetObjectAsync("/api/tasks"), instanceId));
        await carol.PostObjectAsync($"/api/tasks/{taskId}/complete", new { outcome = "Approve" }, HttpStatusCode.NotFound);

        // Completing before claiming conflicts with the Ready status.
        await bob.PostObjectAsync($"/api/tasks/{taskId}/complete", new { outcome = "Approve" }, HttpStatusCode.Conflict);

        // A stale ETag fails, the current one claims.
        var read = await bob.GetAsync($"/api/tasks/{taskId}");
        var etag = read.Headers.ETag?.Tag;
        Assert.False(string.IsNullOrEmpty(etag), "GET /api/tasks/{id} sent no ETag header.");
        await PostWithIfMatchAsync(bob, $"/api/tasks/{taskId}/claim", "\"999\"", HttpStatusCode.PreconditionFailed);
        var claimed = await PostWithIfMatchAsync(bob, $"/api/tasks/{taskId}/claim", etag!, HttpStatusCode.OK);
        Assert.Equal("Reserved", claimed["status"]?.GetValue<string>());
        Assert.Equal("bob", claimed["assignee"]?.GetValue<string>());

        // bob completes it once; the second completion conflicts.
        var completed = await bob.PostObjectAsync($"/api/tasks/{taskId}/complete", new { outcome = "Approve", comment = "Budgeted", data = new { costCenter = "CC-7" } });
        Assert.Equal("Completed", completed["status"]?.GetValue<string>());
        await bob.PostObjectAsync($"/api/tasks/{taskId}/complete", new { outcome = "Approve" }, HttpStatusCode.Conflict);

        var finished = await Instances.WaitForSubStatusAsync(alice, instanceId, "Finished");
        Assert.True(finished["output"]?["approved"]?.GetValue<bool>(), $"Output: {finished["output"]?.ToJsonString()}");
        Assert.Equal("bob", finished["output"]?["reviewer"]?.GetValue<string>());
    }

    [Fact]
    public async Task ElsaDefinition_SmallAmount_FinishesWithoutTask()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        var alice = await _factory.CreateClientForAsync("alice");
        var bob = await _factory.CreateClientForAsync("bob");
        await Fixtures.PublishAsync(dave, Fixtures.LoadAs(Fixtures.CapexReview, "capex-small"));

        var instanceId = await Instances.DispatchAsync(alice, "capex-small", new { amount = 300, item = "Chair" });
        var finished = await Instances.WaitForSubStatusAsync(alice, instanceId, "Finished");

        Assert.True(finished["output"]?["approved"]?.GetValue<bool>(), $"Output: {finished["output"]?.ToJsonString()}");
        Assert.Equal("nobody", finished["output"]?["reviewer"]?.GetValue<string>());
        Assert.Null(Instances.FindTask(await bob.GetObjectAsync("/api/tasks"), instanceId));
        var admin = await _factory.CreateClientForAsync("admin");
        var allOpen = await admin.GetObjectAsync("/api/tasks?pageSize=1000");
        Assert.Null(Instances.FindTask(allOpen, instanceId));
    }

    [Theory]
    [InlineData("Approve", null, true, "approved by bob")]
    [InlineData("Reject", "too expensive", false, "rejected by bob: too expensive")]
    public async Task Sample_ManagerDecision_SetsOutput(string outcome, string? comment, bool approved, string reason)
    {
        var definitionId = $"purchase-{outcome.ToLowerInvariant()}";
        var dave = await _factory.CreateClientForAsync("dave");
        var alice = await _factory.CreateClientForAsync("alice");
        var bob = await _factory.CreateClientForAsync("bob");
        await Fixtures.PublishAsync(dave, Fixtures.LoadAs(Fixtures.PurchaseApproval, definitionId));

        var instanceId = await Instances.DispatchAsync(alice, definitionId, new { amount = 1500, item = "Monitor" });
        var task = await Instances.WaitForTaskAsync(bob, instanceId);
        Assert.Equal("alice", task["initiator"]?.GetValue<string>());
        Assert.Equal("alice", task["data"]?["requester"]?.GetValue<string>());
        Assert.Equal(1500, task["data"]?["amount"]?.GetValue<int>());
        Assert.Equal("Monitor", task["data"]?["item"]?.GetValue<string>());
        await bob.PostObjectAsync($"/api/tasks/{task["id"]}/claim", null);
        await bob.PostObjectAsync($"/api/tasks/{task["id"]}/complete", new { outcome, comment });

        var finished = await Instances.WaitForSubStatusAsync(alice, instanceId, "Finished");
        Assert.Equal(approved, finished["output"]?["approved"]?.GetValue<bool>());
        Assert.Equal(reason, finished["output"]?["reason"]?.GetValue<string>());
    }

    [Fact]
    public async Task Sample_SmallAmount_IsAutoApproved()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        var alice = await _factory.CreateClientForAsync("alice");
        await Fixtures.PublishAsync(dave, Fixtures.LoadAs(Fixtures.PurchaseApproval, "purchase-small"));

        var instanceId = await Instances.DispatchAsync(alice, "purchase-small", new { amount = 1000, item = "Desk" });
        var finished = await Instances.WaitForSubStatusAsync(alice, instanceId, "Finished");

        Assert.True(finished["output"]?["approved"]?.GetValue<bool>(), $"Output: {finished["output"]?.ToJsonString()}");
        Assert.Equal("auto-approved", finished["output"]?["reason"]?.GetValue<string>());
    }

    [Fact]
    public async Task FinishInSameStep_LeavesNoOpenTask()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        var bob = await _factory.CreateClientForAsync("bob");
        var model = JsonNode.Parse("""
            { "definitionId": "finish-same-step", "root": { "type": "Elsa.Flowchart", "id": "f",
              "activities": [
                { "id": "fork", "type": "Elsa.FlowFork", "branches": { "typeName": "String", "expression": { "type": "Literal", "value": "task,end" } } },
                { "id": "ut", "type": "ModelEngine.UserTask",
                  "title": { "typeName": "String", "expression": { "type": "Literal", "value": "Never needed" } },
                  "candidateGroups": { "typeName": "String[]", "expression": { "type": "Literal", "value": "managers" } } },
                { "id": "finish", "type": "Elsa.Finish" } ],
              "connections": [
                { "source": { "activity": "fork", "port": "task" }, "target": { "activity": "ut", "port": "In" } },
                { "source": { "activity": "fork", "port": "end" }, "target": { "activity": "finish", "port": "In" } } ] } }
            """)!.AsObject();
        await Fixtures.PublishAsync(dave, model);

        var instance = await dave.PostObjectAsync("/api/workflow-definitions/finish-same-step/execute", new { });

        Assert.Equal("Finished", instance["subStatus"]?.GetValue<string>());
        var instanceId = instance["id"]!.GetValue<string>();
        Assert.Null(Instances.FindTask(await bob.GetObjectAsync("/api/tasks"), instanceId));
    }

    [Fact]
    public async Task Dispatch_RepeatedIdempotencyKey_ReturnsFirstInstance()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        var alice = await _factory.CreateClientForAsync("alice");
        await Fixtures.PublishAsync(dave, Fixtures.LoadAs(Fixtures.PurchaseApproval, "purchase-idempotent"));

        async Task<string> DispatchWithKeyAsync(string key)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/workflow-definitions/purchase-idempotent/dispatch")
            {
                Content = JsonContent.Create(new { input = new { amount = 10, item = "Pen" } }),
            };
            request.Headers.Add("Idempotency-Key", key);
            var response = await alice.SendAsync(request);
            return (await response.ReadObjectAsync(HttpStatusCode.Accepted))["workflowInstanceId"]!.GetValue<string>();
        }

        var first = await DispatchWithKeyAsync("purchase-4711");
        var again = await DispatchWithKeyAsync("purchase-4711");
        var other = await DispatchWithKeyAsync("purchase-4712");

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        var list = await dave.GetObjectAsync("/api/workflow-instances?definitionId=purchase-idempotent");
        Assert.Equal(2, list["totalCount"]?.GetValue<int>());
    }

    private static async Task<JsonObject> PostWithIfMatchAsync(HttpClient client, string path, string etag, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        var response = await client.SendAsync(request).WaitAsync(Timeouts.Request);
        return await response.ReadObjectAsync(expected);
    }
}
