using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ModelEngine.Server.Idempotency;
using ModelEngine.Server.Tests.HttpWorkflows;
using ModelEngine.Server.Tests.Infrastructure;
using ModelEngine.Workflows.Idempotency;
using Xunit.Abstractions;

namespace ModelEngine.Server.Tests;

/// <summary>
/// The Idempotency-Key header on HttpEndpoint requests, event triggers and task completions: a repeat gets the first
/// response and changes nothing, concurrent repeats included, and a key sent with another request is rejected.
/// </summary>
public sealed class IdempotencyKeyTests : IClassFixture<ServerFactory>
{
    private const string DevelopmentApiKey = "modelengine-dev-worker-key";

    private readonly ServerFactory _factory;
    private readonly ITestOutputHelper _output;

    public IdempotencyKeyTests(ServerFactory factory, ITestOutputHelper output)
    {
        _factory = factory;
        _output = output;
    }

    [Fact]
    public async Task HttpTrigger_RepeatedKey_ReturnsFirstResponse()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        var alice = await _factory.CreateClientForAsync("alice");
        var admin = await _factory.CreateClientForAsync("admin");
        await Fixtures.PublishAsync(dave, HttpDefinitions.Echo("idem-http", "idem/{id}"));

        var first = await alice.SendWithKeyAsync(HttpMethod.Post, "/workflows/idem/1", new { amount = 5 }, "key-1");
        var second = await alice.SendWithKeyAsync(HttpMethod.Post, "/workflows/idem/1", new { amount = 5 }, "key-1");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal(InstanceId(first), InstanceId(second));
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal("true", Assert.Single(second.Headers.GetValues("Idempotent-Replayed")));
        Assert.Equal("yes", Assert.Single(second.Headers.GetValues("X-Echo")));
        var instances = await admin.GetObjectAsync("/api/workflow-instances?definitionId=idem-http");
        Assert.Equal(1, instances["totalCount"]?.GetValue<int>());

        // The same key from another caller is another key.
        var dave1 = await dave.SendWithKeyAsync(HttpMethod.Post, "/workflows/idem/1", new { amount = 5 }, "key-1");
        Assert.NotEqual(InstanceId(first), InstanceId(dave1));
    }

    [Fact]
    public async Task HttpTrigger_KeyWithOtherBody_Returns422()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        var alice = await _factory.CreateClientForAsync("alice");
        await Fixtures.PublishAsync(dave, HttpDefinitions.Echo("idem-http-body", "idem-body/{id}"));
        await alice.SendWithKeyAsync(HttpMethod.Post, "/workflows/idem-body/1", new { amount = 5 }, "key-2");

        var otherBody = await alice.SendWithKeyAsync(HttpMethod.Post, "/workflows/idem-body/1", new { amount = 6 }, "key-2");
        var otherTarget = await alice.SendWithKeyAsync(HttpMethod.Post, "/workflows/idem-body/2", new { amount = 5 }, "key-2");

        var problem = await otherBody.ReadObjectAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("key-2", problem["idempotencyKey"]?.GetValue<string>());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, otherTarget.StatusCode);
    }

    [Fact]
    public async Task HttpTrigger_ConcurrentRepeats_StartOneInstance()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        var alice = await _factory.CreateClientForAsync("alice");
        var admin = await _factory.CreateClientForAsync("admin");
        await Fixtures.PublishAsync(dave, HttpDefinitions.Echo("idem-http-race", "race/{id}"));
        var seed = Random.Shared.Next();
        var random = new Random(seed);
        var runs = StressCounts.RaceRepeats;
        _output.WriteLine($"HttpTrigger race: {runs} runs, seed {seed}");

        for (var run = 0; run < runs; run++)
        {
            var key = $"race-{seed}-{run}";
            var copies = random.Next(2, 5);
            var responses = await Task.WhenAll(Enumerable.Range(0, copies)
                .Select(_ => alice.SendWithKeyAsync(HttpMethod.Post, $"/workflows/race/{run}", new { amount = run }, key)));

            var bodies = await Task.WhenAll(responses.Select(response => response.Content.ReadAsStringAsync()));
            Assert.All(responses, response => Assert.Equal(HttpStatusCode.Created, response.StatusCode));
            Assert.All(bodies, body => Assert.Equal(bodies[0], body));
            Assert.Single(responses.Select(InstanceId).Distinct());
            Assert.Equal(copies - 1, responses.Count(response => response.Headers.Contains("Idempotent-Replayed")));
        }

        var instances = await admin.GetObjectAsync("/api/workflow-instances?definitionId=idem-http-race");
        Assert.Equal(runs, instances["totalCount"]?.GetValue<int>());
    }

    [Fact]
    public async Task EventTrigger_RepeatedKey_ReturnsFirstResult()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        var alice = await _factory.CreateClientForAsync("alice");
        var worker = _factory.CreateClient();
        worker.DefaultRequestHeaders.Add("X-Api-Key", DevelopmentApiKey);
        await Fixtures.PublishAsync(dave, EventDefinition("idem-event", "IdemPaid"));
        var instanceId = await Instances.DispatchAsync(alice, "idem-event", new { });
        await Instances.WaitForSubStatusAsync(alice, instanceId, "Suspended");

        var first = await worker.SendWithKeyAsync(HttpMethod.Post, "/api/events/IdemPaid/trigger", new { input = new { amount = 3 } }, "event-key");
        var repeat = await worker.SendWithKeyAsync(HttpMethod.Post, "/api/events/IdemPaid/trigger", new { input = new { amount = 3 } }, "event-key");
        var otherBody = await worker.SendWithKeyAsync(HttpMethod.Post, "/api/events/IdemPaid/trigger", new { input = new { amount = 4 } }, "event-key");
        var otherEvent = await worker.SendWithKeyAsync(HttpMethod.Post, "/api/events/OtherEvent/trigger", new { input = new { amount = 3 } }, "event-key");
        var withoutKey = await worker.PostObjectAsync("/api/events/IdemPaid/trigger", new { input = new { amount = 3 } });

        var firstBody = await first.ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal(instanceId, Assert.Single(firstBody["resumedInstances"]!.AsArray())!.GetValue<string>());
        Assert.Equal(firstBody.ToJsonString(), (await repeat.ReadObjectAsync(HttpStatusCode.OK)).ToJsonString());
        Assert.Equal("true", Assert.Single(repeat.Headers.GetValues("Idempotent-Replayed")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, otherBody.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, otherEvent.StatusCode);
        Assert.Empty(withoutKey["resumedInstances"]!.AsArray());
        var finished = await Instances.WaitForSubStatusAsync(alice, instanceId, "Finished");
        Assert.Equal(3, finished["output"]?["paid"]?.GetValue<int>());
    }

    [Fact]
    public async Task EventTrigger_ConcurrentRepeats_ResumeOnce()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        var alice = await _factory.CreateClientForAsync("alice");
        var worker = _factory.CreateClient();
        worker.DefaultRequestHeaders.Add("X-Api-Key", DevelopmentApiKey);
        await Fixtures.PublishAsync(dave, EventDefinition("idem-event-race", "IdemRace"));
        var seed = Random.Shared.Next();
        var random = new Random(seed);
        var runs = StressCounts.RaceRepeats;
        _output.WriteLine($"EventTrigger race: {runs} runs, seed {seed}");

        for (var run = 0; run < runs; run++)
        {
            var instanceId = await Instances.DispatchAsync(alice, "idem-event-race", new { });
            await Instances.WaitForSubStatusAsync(alice, instanceId, "Suspended");
            var copies = random.Next(2, 5);
            var key = $"event-race-{seed}-{run}";
            var responses = await Task.WhenAll(Enumerable.Range(0, copies)
                .Select(_ => worker.SendWithKeyAsync(HttpMethod.Post, "/api/events/IdemRace/trigger", new { input = new { amount = run } }, key)));

            var bodies = await Task.WhenAll(responses.Select(response => response.Content.ReadAsStringAsync()));
            Assert.All(responses, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
            Assert.All(bodies, body => Assert.Equal(bodies[0], body));
            Assert.Equal(instanceId, Assert.Single(JsonNode.Parse(bodies[0])!["resumedInstances"]!.AsArray())!.GetValue<string>());
            await Instances.WaitForSubStatusAsync(alice, instanceId, "Finished");
        }
    }

    [Fact]
    public async Task TaskCompletion_RepeatedKey_ReturnsFirstResult()
    {
        var (bob, taskId, instanceId) = await ClaimedTaskAsync("idem-task");

        var first = await bob.SendWithKeyAsync(HttpMethod.Post, $"/api/tasks/{taskId}/complete", new { outcome = "Approve", comment = "ok" }, "task-key");
        var repeat = await bob.SendWithKeyAsync(HttpMethod.Post, $"/api/tasks/{taskId}/complete", new { outcome = "Approve", comment = "ok" }, "task-key");
        var otherBody = await bob.SendWithKeyAsync(HttpMethod.Post, $"/api/tasks/{taskId}/complete", new { outcome = "Reject", comment = "ok" }, "task-key");
        var withoutKey = await bob.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { outcome = "Approve", comment = "ok" }).WaitAsync(Timeouts.Request);

        var firstBody = await first.ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal("Completed", firstBody["status"]?.GetValue<string>());
        Assert.Equal(firstBody.ToJsonString(), (await repeat.ReadObjectAsync(HttpStatusCode.OK)).ToJsonString());
        Assert.Equal(first.Headers.ETag, repeat.Headers.ETag);
        Assert.Equal("true", Assert.Single(repeat.Headers.GetValues("Idempotent-Replayed")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, otherBody.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, withoutKey.StatusCode);
        await Instances.WaitForSubStatusAsync(bob, instanceId, "Finished");
    }

    [Fact]
    public async Task TaskCompletion_ConcurrentRepeats_CompleteOnce()
    {
        var seed = Random.Shared.Next();
        var random = new Random(seed);
        var runs = StressCounts.RaceRepeats;
        _output.WriteLine($"TaskCompletion race: {runs} runs, seed {seed}");

        for (var run = 0; run < runs; run++)
        {
            var (bob, taskId, instanceId) = await ClaimedTaskAsync($"idem-task-race-{run}");
            var copies = random.Next(2, 5);
            var key = $"task-race-{seed}-{run}";
            var responses = await Task.WhenAll(Enumerable.Range(0, copies)
                .Select(_ => bob.SendWithKeyAsync(HttpMethod.Post, $"/api/tasks/{taskId}/complete", new { outcome = "Approve", comment = $"run {run}" }, key)));

            var bodies = await Task.WhenAll(responses.Select(response => response.Content.ReadAsStringAsync()));
            Assert.All(responses, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
            Assert.All(bodies, body => Assert.Equal(bodies[0], body));
            Assert.Equal(copies - 1, responses.Count(response => response.Headers.Contains("Idempotent-Replayed")));
            var finished = await Instances.WaitForSubStatusAsync(bob, instanceId, "Finished");
            Assert.Equal("approved by bob", finished["output"]?["reason"]?.GetValue<string>());
        }
    }

    [Fact]
    public async Task ExpiredKey_IsDeletedAndUsableAgain()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        var alice = await _factory.CreateClientForAsync("alice");
        await Fixtures.PublishAsync(dave, HttpDefinitions.Echo("idem-expired", "expired/{id}"));
        var first = await alice.SendWithKeyAsync(HttpMethod.Post, "/workflows/expired/1", new { amount = 1 }, "expiring-key");
        var store = _factory.Services.GetRequiredService<IIdempotencyStore>();
        var stored = await store.FindAsync("workflows", "alice", "expiring-key");
        Assert.NotNull(stored);
        var expired = stored with { Key = "expired-key", ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(-1) };
        Assert.True(await store.TryInsertAsync(expired));

        // A key past its expiry runs as a new request, even before the cleanup deletes it.
        await store.TryInsertAsync(stored with { ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(-1), Key = "expired-key-2" });
        var rerun = await alice.SendWithKeyAsync(HttpMethod.Post, "/workflows/expired/1", new { amount = 1 }, "expired-key-2");
        var cleanup = _factory.Services.GetServices<IHostedService>().OfType<IdempotencyCleanupService>().Single();
        var deleted = await cleanup.SweepAsync(CancellationToken.None).WaitAsync(Timeouts.Request);

        Assert.Equal(HttpStatusCode.Created, rerun.StatusCode);
        Assert.False(rerun.Headers.Contains("Idempotent-Replayed"));
        Assert.NotEqual(InstanceId(first), InstanceId(rerun));
        Assert.True(deleted >= 1, $"The cleanup deleted {deleted} records.");
        Assert.Null(await store.FindAsync("workflows", "alice", "expired-key"));
        Assert.NotNull(await store.FindAsync("workflows", "alice", "expiring-key"));
    }

    [Fact]
    public async Task LongKey_Returns400()
    {
        var bob = await _factory.CreateClientForAsync("bob");

        var response = await bob.SendWithKeyAsync(HttpMethod.Post, "/api/tasks/none/complete", new { outcome = "Approve" }, new string('k', 201));

        var problem = await response.ReadObjectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Idempotency-Key", problem["parameter"]?.GetValue<string>());
    }

    [Theory]
    [InlineData("/api/tasks/none/complete")]
    [InlineData("/api/workflow-definitions/none/dispatch")]
    [InlineData("/api/events/paid/trigger")]
    public async Task EmptyKey_Returns400(string path)
    {
        var admin = await _factory.CreateClientForAsync("admin");

        var response = await admin.SendWithKeyAsync(HttpMethod.Post, path, new { outcome = "Approve" }, "  ");

        var problem = await response.ReadObjectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Idempotency-Key", problem["parameter"]?.GetValue<string>());
        Assert.Contains("empty", problem["detail"]?.GetValue<string>(), StringComparison.Ordinal);
    }

    /// <summary>Publishes the purchase sample under <paramref name="definitionId"/>, starts a purchase that needs a manager, and lets bob claim its task.</summary>
    private async Task<(HttpClient Bob, string TaskId, string InstanceId)> ClaimedTaskAsync(string definitionId)
    {
        var dave = await _factory.CreateClientForAsync("dave");
        var alice = await _factory.CreateClientForAsync("alice");
        var bob = await _factory.CreateClientForAsync("bob");
        await Fixtures.PublishAsync(dave, Fixtures.LoadAs(Fixtures.PurchaseApproval, definitionId));
        var instanceId = await Instances.DispatchAsync(alice, definitionId, new { amount = 2500, item = "Laptop" });
        var task = await Instances.WaitForTaskAsync(bob, instanceId);
        var taskId = task["id"]!.GetValue<string>();
        await bob.PostObjectAsync($"/api/tasks/{taskId}/claim", null);
        return (bob, taskId, instanceId);
    }


    private static string InstanceId(HttpResponseMessage response) => Assert.Single(response.Headers.GetValues("X-Workflow-Instance-Id"));

    private static JsonObject EventDefinition(string definitionId, string eventName) => JsonNode.Parse($$"""
        { "definitionId": "{{definitionId}}", "root": { "type": "Elsa.Flowchart", "id": "f",
          "activities": [
            { "id": "wait", "type": "Elsa.Event", "eventName": { "typeName": "String", "expression": { "type": "Literal", "value": "{{eventName}}" } } },
            { "id": "out", "type": "Elsa.SetOutput",
              "outputName": { "typeName": "String", "expression": { "type": "Literal", "value": "paid" } },
              "outputValue": { "typeName": "Object", "expression": { "type": "JavaScript", "value": "getLastResult().amount" } } } ],
          "connections": [ { "source": { "activity": "wait", "port": "Done" }, "target": { "activity": "out", "port": "In" } } ] } }
        """)!.AsObject();
}
