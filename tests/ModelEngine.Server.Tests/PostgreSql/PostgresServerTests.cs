using System.Net;
using ModelEngine.Persistence.Tests.PostgreSql;
using ModelEngine.Server.Tests.Infrastructure;

namespace ModelEngine.Server.Tests.PostgreSql;

/// <summary>
/// The server on PostgreSQL, over HTTP: the approval flow, a Delay fired by Hangfire from its PostgreSQL schema, and
/// the readiness check.
/// </summary>
[Collection(HangfireCollection.Name)]
public sealed class PostgresServerTests : IClassFixture<PostgresServerFactory>
{
    private readonly PostgresServerFactory _database;

    public PostgresServerTests(PostgresServerFactory database)
    {
        _database = database;
    }

    [PostgresFact]
    public async Task ApprovalFlow_OnPostgres_Finishes()
    {
        var server = _database.Server;
        var dave = await server.CreateClientForAsync("dave");
        var alice = await server.CreateClientForAsync("alice");
        var bob = await server.CreateClientForAsync("bob");

        // dave saves a draft with a UserTask and publishes it.
        var saved = await dave.PostObjectAsync("/api/workflow-definitions", new { model = Fixtures.Load(Fixtures.CapexReview), publish = false }, HttpStatusCode.Created);
        Assert.Equal("capex-review", saved["definitionId"]?.GetValue<string>());
        await dave.PostObjectAsync("/api/workflow-definitions/capex-review/publish", null);

        // alice dispatches it, and bob (managers) claims the task.
        var instanceId = await Instances.DispatchAsync(alice, "capex-review", new { amount = 25_000, item = "Forklift" });
        var task = await Instances.WaitForTaskAsync(bob, instanceId);
        var taskId = task["id"]!.GetValue<string>();
        Assert.Equal("Ready", task["status"]?.GetValue<string>());
        var claimed = await bob.PostObjectAsync($"/api/tasks/{taskId}/claim", null);
        Assert.Equal("Reserved", claimed["status"]?.GetValue<string>());

        // bob completes it once; the second completion conflicts.
        var completed = await bob.PostObjectAsync($"/api/tasks/{taskId}/complete", new { outcome = "Approve", comment = "Budgeted" });
        Assert.Equal("Completed", completed["status"]?.GetValue<string>());
        await bob.PostObjectAsync($"/api/tasks/{taskId}/complete", new { outcome = "Approve" }, HttpStatusCode.Conflict);

        var finished = await Instances.WaitForSubStatusAsync(alice, instanceId, "Finished");
        Assert.True(finished["output"]?["approved"]?.GetValue<bool>(), $"Output: {finished["output"]?.ToJsonString()}");
        Assert.Equal("bob", finished["output"]?["reviewer"]?.GetValue<string>());

        // The instance is a row of this PostgreSQL database, not of a SQLite file.
        var stored = await _database.QueryScalarAsync("SELECT count(*) FROM \"WorkflowInstances\" WHERE \"Id\" = $1", instanceId);
        Assert.Equal(1L, Convert.ToInt64(stored));
    }

    [PostgresFact]
    public async Task Delay_OnPostgres_FiresThroughHangfire()
    {
        var server = _database.Server;
        var dave = await server.CreateClientForAsync("dave");
        await Fixtures.PublishAsync(dave, Fixtures.LoadAs(Fixtures.DelayedGreeting, "postgres-delay"));

        var instanceId = await Instances.DispatchAsync(dave, "postgres-delay", new { });
        var finished = await Instances.WaitForSubStatusAsync(dave, instanceId, "Finished", TimeSpan.FromSeconds(20));
        Assert.Equal("hello after the delay", finished["output"]?["greeting"]?.GetValue<string>());

        // The timer job ran from Hangfire's tables in the hangfire schema of this database.
        var succeeded = await Eventually.WaitAsync(
            () => _database.QueryScalarAsync("SELECT count(*) FROM hangfire.job WHERE statename = 'Succeeded'"),
            count => Convert.ToInt64(count) > 0,
            "a succeeded job in hangfire.job");
        Assert.True(Convert.ToInt64(succeeded) > 0);
    }

    [PostgresFact]
    public async Task Ready_OnPostgres_IsHealthy()
    {
        var client = _database.Server.CreateClient();

        var body = await Eventually.WaitAsync(
            async () =>
            {
                var response = await client.GetAsync("/health/ready");
                return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
            },
            result => result.StatusCode == HttpStatusCode.OK,
            "/health/ready to return 200");
        Assert.Equal("Healthy", body.Body);
    }
}
