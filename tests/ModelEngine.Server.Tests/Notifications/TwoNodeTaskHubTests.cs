using System.Net;
using ModelEngine.Server.Tests.Infrastructure;
using ModelEngine.Server.Tests.Messaging;
using ModelEngine.Server.Tests.PostgreSql;

namespace ModelEngine.Server.Tests.Notifications;

/// <summary>
/// Two nodes share one PostgreSQL database and one RabbitMQ broker. A member connected to node B hears a claim made
/// through node A, because each node forwards every relayed task event to its own hub connections.
/// </summary>
public sealed class TwoNodeTaskHubTests
{
    [RabbitMqPostgresFact]
    public async Task ClaimOnNodeA_ReachesClientOnNodeB()
    {
        var uri = RabbitMqTestServer.RequireUri();
        var prefix = MessagingTestNodes.NewQueuePrefix();
        var database = new PostgresDatabase("modelengine_task_hub_test_");
        await database.CreateAsync();
        try
        {
            using var nodeA = OnPostgres(MessagingTestNodes.RabbitMq(uri, prefix), database.ConnectionString).WithReviewers();
            await MessagingTestNodes.WaitUntilReadyAsync(nodeA);
            // Node B relays only at its start, so the events of node A's commits reach it through the broker.
            using var nodeB = OnPostgres(MessagingTestNodes.RabbitMq(uri, prefix), database.ConnectionString)
                .WithReviewers()
                .WithLoopbackKestrel()
                .WithSetting("Messaging:OutboxPollInterval", "01:00:00");
            await MessagingTestNodes.WaitUntilReadyAsync(nodeB);

            await Fixtures.PublishAsync(await nodeA.CreateClientForAsync("dave"), Fixtures.LoadAs(Fixtures.GroupReview, "two-node-group-review"));
            await using var member = await TaskHubClient.ConnectAsync(nodeB, NotificationTestUsers.Reviewers[1]);
            var alice = await nodeA.CreateClientForAsync("alice");
            var instanceId = await Instances.DispatchAsync(alice, "two-node-group-review", new { });
            var created = await member.WaitForAsync(
                m => m.GetProperty("workflowInstanceId").GetString() == instanceId && m.GetProperty("kind").GetString() == "Created",
                "the Created change of the task, committed on node A");
            var taskId = created.GetProperty("taskId").GetString()!;

            var claimer = await nodeA.CreateClientForAsync(NotificationTestUsers.Reviewers[0]);
            var response = await claimer.PostAsync($"/api/tasks/{taskId}/claim", null).WaitAsync(Timeouts.Request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);

            var claimed = await member.WaitForAsync(
                m => m.GetProperty("taskId").GetString() == taskId && m.GetProperty("kind").GetString() == "Claimed",
                "the Claimed change of the task, made on node A");
            Assert.Equal(NotificationTestUsers.Reviewers[0], claimed.GetProperty("assignee").GetString());

            // Node B forwards events in commit order, so a later task's Created change arrives after every earlier one.
            var barrierId = await Instances.DispatchAsync(alice, "two-node-group-review", new { });
            await member.WaitForAsync(
                m => m.GetProperty("workflowInstanceId").GetString() == barrierId && m.GetProperty("kind").GetString() == "Created",
                "the Created change of the second task");
            Assert.Single(member.Changes(taskId, "Claimed"));
            Assert.Single(member.Changes(taskId, "Created"));
        }
        finally
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            await database.DropAsync();
        }
    }

    private static ServerFactory OnPostgres(ServerFactory factory, string connectionString) => factory
        .WithSetting("Persistence:Provider", "PostgreSql")
        .WithSetting("ConnectionStrings:ModelEngine", connectionString);
}
