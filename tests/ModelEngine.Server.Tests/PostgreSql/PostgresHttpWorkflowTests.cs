using System.Net;
using System.Net.Http.Json;
using ModelEngine.Persistence.Tests.PostgreSql;
using ModelEngine.Server.Tests.HttpWorkflows;
using ModelEngine.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace ModelEngine.Server.Tests.PostgreSql;

/// <summary>
/// The HTTP trigger table and the IdempotencyKeys table on PostgreSQL: conflicting routes, replaced and removed
/// triggers, two nodes on one database, and concurrent repeats of a trigger and of a task completion.
/// </summary>
[Collection(HangfireCollection.Name)]
public sealed class PostgresHttpWorkflowTests : IClassFixture<PostgresServerFactory>
{
    private readonly PostgresServerFactory _database;
    private readonly ITestOutputHelper _output;

    public PostgresHttpWorkflowTests(PostgresServerFactory database, ITestOutputHelper output)
    {
        _database = database;
        _output = output;
    }

    [PostgresFact]
    public async Task Triggers_OnPostgres_FollowPublication()
    {
        var dave = await _database.Server.CreateClientForAsync("dave");
        await Fixtures.PublishAsync(dave, HttpDefinitions.Echo("pg-owner", "pg/{id}"));

        var conflict = await dave.PostAsJsonAsync("/api/workflow-definitions", new { model = HttpDefinitions.Echo("pg-intruder", "pg/{other}"), publish = true });
        var started = await dave.PostAsJsonAsync("/workflows/pg/4", new { amount = 4 }).WaitAsync(Timeouts.Request);
        await dave.PostObjectAsync("/api/workflow-definitions", new { model = HttpDefinitions.Echo("pg-owner", "pg-moved/{id}"), publish = true });
        var oldRoute = await dave.PostAsJsonAsync("/workflows/pg/4", new { amount = 4 }).WaitAsync(Timeouts.Request);
        await dave.PostObjectAsync("/api/workflow-definitions/pg-owner/retract", null);
        var retracted = await dave.PostAsJsonAsync("/workflows/pg-moved/4", new { amount = 4 }).WaitAsync(Timeouts.Request);

        var problem = await conflict.ReadObjectAsync(HttpStatusCode.Conflict);
        Assert.Contains("'pg-owner'", problem["detail"]?.GetValue<string>());
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, oldRoute.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, retracted.StatusCode);
        var rows = await _database.QueryScalarAsync("SELECT count(*) FROM \"HttpTriggers\" WHERE \"DefinitionId\" = $1", "pg-owner");
        Assert.Equal(0L, Convert.ToInt64(rows));
    }

    [PostgresFact]
    public async Task TwoNodes_ShareTriggersAndKeys()
    {
        var nodeA = await _database.Server.CreateClientForAsync("dave");
        await using var secondNode = new ServerFactory()
            .WithSetting("Persistence:Provider", "PostgreSql")
            .WithSetting("ConnectionStrings:ModelEngine", _database.ConnectionString);
        var nodeB = await secondNode.CreateClientForAsync("dave");

        // A publish on one node is served and enforced by the other at once.
        await Fixtures.PublishAsync(nodeA, HttpDefinitions.Echo("pg-node-a", "nodes/{id}"));
        var servedByB = await nodeB.PostAsJsonAsync("/workflows/nodes/1", new { amount = 1 }).WaitAsync(Timeouts.Request);
        var conflictOnB = await nodeB.PostAsJsonAsync("/api/workflow-definitions", new { model = HttpDefinitions.Echo("pg-node-b", "nodes/{key}"), publish = true });

        // The same key sent to both nodes at once starts one instance.
        var responses = await Task.WhenAll(
            nodeA.SendWithKeyAsync(HttpMethod.Post, "/workflows/nodes/2", new { amount = 2 }, "two-nodes"),
            nodeB.SendWithKeyAsync(HttpMethod.Post, "/workflows/nodes/2", new { amount = 2 }, "two-nodes"));

        await nodeA.PostObjectAsync("/api/workflow-definitions/pg-node-a/retract", null);
        var retractedOnB = await nodeB.PostAsJsonAsync("/workflows/nodes/3", new { amount = 3 }).WaitAsync(Timeouts.Request);

        Assert.Equal(HttpStatusCode.Created, servedByB.StatusCode);
        var problem = await conflictOnB.ReadObjectAsync(HttpStatusCode.Conflict);
        Assert.Contains("'pg-node-a'", problem["detail"]?.GetValue<string>());
        Assert.All(responses, response => Assert.Equal(HttpStatusCode.Created, response.StatusCode));
        Assert.Single(responses.Select(response => Assert.Single(response.Headers.GetValues("X-Workflow-Instance-Id"))).Distinct());
        Assert.Equal(HttpStatusCode.NotFound, retractedOnB.StatusCode);
    }

    [PostgresFact]
    public async Task HttpTrigger_OnPostgres_ConcurrentRepeatsStartOneInstance()
    {
        var dave = await _database.Server.CreateClientForAsync("dave");
        var alice = await _database.Server.CreateClientForAsync("alice");
        await Fixtures.PublishAsync(dave, HttpDefinitions.Echo("pg-race", "pg-race/{id}"));
        var seed = Random.Shared.Next();
        var random = new Random(seed);
        var runs = StressCounts.RaceRepeats;
        _output.WriteLine($"PostgreSQL HttpTrigger race: {runs} runs, seed {seed}");

        for (var run = 0; run < runs; run++)
        {
            var copies = random.Next(2, 5);
            var responses = await Task.WhenAll(Enumerable.Range(0, copies)
                .Select(_ => alice.SendWithKeyAsync(HttpMethod.Post, $"/workflows/pg-race/{run}", new { amount = run }, $"pg-race-{seed}-{run}")));

            var bodies = await Task.WhenAll(responses.Select(response => response.Content.ReadAsStringAsync()));
            Assert.All(responses, response => Assert.Equal(HttpStatusCode.Created, response.StatusCode));
            Assert.All(bodies, body => Assert.Equal(bodies[0], body));
            Assert.Single(responses.Select(response => Assert.Single(response.Headers.GetValues("X-Workflow-Instance-Id"))).Distinct());
        }

        var instances = await _database.QueryScalarAsync("SELECT count(*) FROM \"WorkflowInstances\" WHERE \"DefinitionId\" = $1", "pg-race");
        var keys = await _database.QueryScalarAsync("SELECT count(*) FROM \"IdempotencyKeys\" WHERE \"Scope\" = 'workflows' AND \"StatusCode\" = 201");
        Assert.Equal(runs, Convert.ToInt64(instances));
        Assert.Equal(runs, Convert.ToInt64(keys));
    }

    [PostgresFact]
    public async Task TaskCompletion_OnPostgres_ConcurrentRepeatsCompleteOnce()
    {
        var dave = await _database.Server.CreateClientForAsync("dave");
        var alice = await _database.Server.CreateClientForAsync("alice");
        var bob = await _database.Server.CreateClientForAsync("bob");
        await Fixtures.PublishAsync(dave, Fixtures.LoadAs(Fixtures.PurchaseApproval, "pg-task-race"));
        var seed = Random.Shared.Next();
        var random = new Random(seed);
        var runs = StressCounts.RaceRepeats;
        _output.WriteLine($"PostgreSQL TaskCompletion race: {runs} runs, seed {seed}");

        for (var run = 0; run < runs; run++)
        {
            var instanceId = await Instances.DispatchAsync(alice, "pg-task-race", new { amount = 2500, item = "Laptop" });
            var taskId = (await Instances.WaitForTaskAsync(bob, instanceId))["id"]!.GetValue<string>();
            await bob.PostObjectAsync($"/api/tasks/{taskId}/claim", null);
            var copies = random.Next(2, 5);
            var responses = await Task.WhenAll(Enumerable.Range(0, copies)
                .Select(_ => bob.SendWithKeyAsync(HttpMethod.Post, $"/api/tasks/{taskId}/complete", new { outcome = "Approve" }, $"pg-task-{seed}-{run}")));

            var bodies = await Task.WhenAll(responses.Select(response => response.Content.ReadAsStringAsync()));
            Assert.All(responses, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
            Assert.All(bodies, body => Assert.Equal(bodies[0], body));
            await Instances.WaitForSubStatusAsync(bob, instanceId, "Finished");
        }
    }

}
