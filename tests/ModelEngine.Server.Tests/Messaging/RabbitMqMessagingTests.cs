using System.Net;
using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using ModelEngine.Messaging.Contracts;
using ModelEngine.Messaging.Telemetry;
using ModelEngine.Persistence.Tests.PostgreSql;
using ModelEngine.Server.Tests.Infrastructure;
using ModelEngine.Workflows;
using ModelEngine.Workflows.Messaging;
using ModelEngine.Workflows.Persistence;
using Npgsql;
using Xunit.Abstractions;

namespace ModelEngine.Server.Tests.Messaging;

/// <summary>Messaging through a real RabbitMQ broker, named by <c>MODELENGINE_TEST_RABBITMQ</c>.</summary>
public sealed class RabbitMqMessagingTests
{
    private readonly ITestOutputHelper _output;

    public RabbitMqMessagingTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [RabbitMqFact]
    public async Task PublishMessage_ResumesMatchingReceiverOnly()
    {
        using var node = MessagingTestNodes.RabbitMq(RabbitMqTestServer.RequireUri(), MessagingTestNodes.NewQueuePrefix());
        await MessagingTestNodes.WaitUntilReadyAsync(node);
        var dave = await node.CreateClientForAsync("dave");
        var alice = await node.CreateClientForAsync("alice");
        await Fixtures.PublishAsync(dave, MessagingDefinitions.Receiver("receive-a", MessagingTestNodes.MessageType, "order-1"));
        await Fixtures.PublishAsync(dave, MessagingDefinitions.Receiver("receive-b", MessagingTestNodes.MessageType, "order-2"));
        await Fixtures.PublishAsync(dave, MessagingDefinitions.Publisher("send", MessagingTestNodes.MessageType, "order-1"));
        var matching = await Instances.DispatchAsync(alice, "receive-a", new { });
        var other = await Instances.DispatchAsync(alice, "receive-b", new { });
        await Instances.WaitForSubStatusAsync(alice, matching, "Suspended");
        await Instances.WaitForSubStatusAsync(alice, other, "Suspended");

        var sender = await Instances.DispatchAsync(alice, "send", new { order = new { id = 41 } });

        await Instances.WaitForSubStatusAsync(alice, sender, "Finished");
        var finished = await Instances.WaitForSubStatusAsync(alice, matching, "Finished");
        Assert.Equal(41, finished["output"]?["received"]?["id"]?.GetValue<int>());
        var unmatched = await alice.GetObjectAsync($"/api/workflow-instances/{other}");
        Assert.Equal("Suspended", unmatched["subStatus"]?.GetValue<string>());
    }

    [RabbitMqFact]
    public async Task MessageReceivedFirst_StartsInstanceFromMessage()
    {
        using var node = MessagingTestNodes.RabbitMq(RabbitMqTestServer.RequireUri(), MessagingTestNodes.NewQueuePrefix());
        await MessagingTestNodes.WaitUntilReadyAsync(node);
        var dave = await node.CreateClientForAsync("dave");
        var admin = await node.CreateClientForAsync("admin");
        await Fixtures.PublishAsync(dave, MessagingDefinitions.Receiver("start-on-message", MessagingTestNodes.MessageType, "order-3"));
        await Fixtures.PublishAsync(dave, MessagingDefinitions.Publisher("send-start", MessagingTestNodes.MessageType, "order-3"));

        await Instances.DispatchAsync(admin, "send-start", new { order = new { id = 3 } });

        var list = await Eventually.WaitAsync(
            () => admin.GetObjectAsync("/api/workflow-instances?definitionId=start-on-message"),
            page => page["items"]!.AsArray().Any(item => item?["subStatus"]?.GetValue<string>() == "Finished"),
            "an instance of start-on-message started by the message to finish");
        var started = Assert.Single(list["items"]!.AsArray())!;
        var finished = await admin.GetObjectAsync($"/api/workflow-instances/{started["id"]!.GetValue<string>()}");
        Assert.Equal("order-3", finished["correlationId"]?.GetValue<string>());
        Assert.Equal(3, finished["output"]?["received"]?["id"]?.GetValue<int>());
    }

    [RabbitMqFact]
    public async Task OutboxRowLeftByCrash_IsRelayedAtStartup()
    {
        var uri = RabbitMqTestServer.RequireUri();
        var prefix = MessagingTestNodes.NewQueuePrefix();
        string receiverId;

        // Disposing a test host deletes its folder, so both hosts use the database in the folder of the second one.
        using var second = MessagingTestNodes.RabbitMq(uri, prefix);

        // The first node commits an outbox row without waking its relay, whose next poll is an hour away, and stops:
        // the row is what a crash between the commit and the publish leaves behind.
        using (var first = MessagingTestNodes.RabbitMq(uri, prefix, second.DatabasePath).WithSetting("Messaging:OutboxPollInterval", "01:00:00"))
        {
            await MessagingTestNodes.WaitUntilReadyAsync(first);
            var dave = await first.CreateClientForAsync("dave");
            var alice = await first.CreateClientForAsync("alice");
            await Fixtures.PublishAsync(dave, MessagingDefinitions.Receiver("receive-left", MessagingTestNodes.MessageType, "order-9"));
            receiverId = await Instances.DispatchAsync(alice, "receive-left", new { });
            await Instances.WaitForSubStatusAsync(alice, receiverId, "Suspended");

            await CommitOutboxRowAsync(first.Services, receiverId, "order-9", new JsonObject { ["left"] = true });
            var rows = await first.Services.GetRequiredService<IOutboxStore>().ListUnclaimedMessagesAsync(DateTimeOffset.UtcNow, 10);
            Assert.Single(rows);
        }

        var reader = await second.CreateClientForAsync("alice");

        var finished = await Instances.WaitForSubStatusAsync(reader, receiverId, "Finished");
        Assert.True(finished["output"]?["received"]?["left"]?.GetValue<bool>(), $"Unexpected output: {finished.ToJsonString()}");
        var left = await second.Services.GetRequiredService<IOutboxStore>().ListUnclaimedMessagesAsync(DateTimeOffset.UtcNow.AddHours(1), 10);
        Assert.Empty(left);
    }

    [RabbitMqFact]
    public async Task DispatchOnNodeA_RunsExactlyOnceAcrossTwoNodes()
    {
        var uri = RabbitMqTestServer.RequireUri();
        var prefix = MessagingTestNodes.NewQueuePrefix();
        using var nodeA = MessagingTestNodes.RabbitMq(uri, prefix)
            .WithServices(services => services.AddSingleton(new TestNodeName("A")).AddActivity<CountRun>());
        using var nodeB = MessagingTestNodes.RabbitMq(uri, prefix, nodeA.DatabasePath)
            .WithServices(services => services.AddSingleton(new TestNodeName("B")).AddActivity<CountRun>());

        await AssertRunsOnceAcrossNodesAsync(nodeA, nodeB, "count-" + prefix);
    }

    [RabbitMqPostgresFact]
    public async Task DispatchOnNodeA_RunsOnceAcrossPostgresNodes()
    {
        var uri = RabbitMqTestServer.RequireUri();
        var prefix = MessagingTestNodes.NewQueuePrefix();
        var database = new NpgsqlConnectionStringBuilder(PostgresTestServer.RequireConnectionString())
        {
            Database = "modelengine_messaging_test_" + Guid.NewGuid().ToString("N"),
        };
        try
        {
            using var nodeA = OnPostgres(MessagingTestNodes.RabbitMq(uri, prefix), database.ConnectionString)
                .WithServices(services => services.AddSingleton(new TestNodeName("A")).AddActivity<CountRun>());
            using var nodeB = OnPostgres(MessagingTestNodes.RabbitMq(uri, prefix), database.ConnectionString)
                .WithServices(services => services.AddSingleton(new TestNodeName("B")).AddActivity<CountRun>());

            await AssertRunsOnceAcrossNodesAsync(nodeA, nodeB, "count-" + prefix);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var server = new NpgsqlConnection(PostgresTestServer.RequireConnectionString());
            await server.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database.Database}\" WITH (FORCE)", server);
            await drop.ExecuteNonQueryAsync();
        }
    }

    private static ServerFactory OnPostgres(ServerFactory factory, string connectionString) => factory
        .WithSetting("Persistence:Provider", "PostgreSql")
        .WithSetting("ConnectionStrings:ModelEngine", connectionString);

    /// <summary>
    /// Dispatches instances on node A, waits until node B reports them finished, and checks that each ran once and
    /// that node B ran some. Node A starts first, so that it alone migrates the database.
    /// </summary>
    private async Task AssertRunsOnceAcrossNodesAsync(ServerFactory nodeA, ServerFactory nodeB, string definitionId)
    {
        var count = MessagingStress.IsFull ? 100 : 20;
        await MessagingTestNodes.WaitUntilReadyAsync(nodeA);
        await MessagingTestNodes.WaitUntilReadyAsync(nodeB);
        var dave = await nodeA.CreateClientForAsync("dave");
        var alice = await nodeA.CreateClientForAsync("alice");
        var admin = await nodeB.CreateClientForAsync("admin");
        await Fixtures.PublishAsync(dave, CountDefinition(definitionId));

        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            ids.Add(await Instances.DispatchAsync(alice, definitionId, new { }));
        }

        foreach (var id in ids)
        {
            await Instances.WaitForSubStatusAsync(admin, id, "Finished", TimeSpan.FromSeconds(60));
        }

        var byNode = ids.SelectMany(id => CountRun.Runs.TryGetValue(id, out var runs) ? runs : []).GroupBy(node => node)
            .ToDictionary(group => group.Key, group => group.Count());
        _output.WriteLine($"{count} instances ran on: {string.Join(", ", byNode.Select(pair => $"{pair.Key}={pair.Value}"))}");
        foreach (var id in ids)
        {
            Assert.True(CountRun.Runs.TryGetValue(id, out var runs), $"Instance {id} finished without running its activity.");
            Assert.True(runs.Count == 1, $"Instance {id} ran {runs.Count} times, on {string.Join(", ", runs)}.");
        }

        Assert.True(byNode.GetValueOrDefault("B") > 0, $"Node B ran none of the {count} instances dispatched on node A.");
    }

    [RabbitMqFact]
    public async Task RepeatedRunMessage_RunsInstanceOnce()
    {
        var seed = Random.Shared.Next();
        var random = new Random(seed);
        var prefix = MessagingTestNodes.NewQueuePrefix();
        _output.WriteLine($"Seed {seed}; {MessagingStress.Rounds} instances.");
        using var node = MessagingTestNodes.RabbitMq(RabbitMqTestServer.RequireUri(), prefix)
            .WithServices(services => services.AddSingleton(new TestNodeName("single")).AddActivity<CountRun>());
        await MessagingTestNodes.WaitUntilReadyAsync(node);
        var dave = await node.CreateClientForAsync("dave");
        var alice = await node.CreateClientForAsync("alice");
        var bus = node.Services.GetRequiredService<IBus>();
        using var consumed = new ConsumeSpanCounter("consume RunWorkflowInstance", MessagingTelemetry.InstanceIdTag);
        var definitionId = "count-" + prefix;
        await Fixtures.PublishAsync(dave, CountDefinition(definitionId));

        for (var round = 0; round < MessagingStress.Rounds; round++)
        {
            // The dispatch announces the instance once; the copies stand for redeliveries of that announcement.
            var id = await Instances.DispatchAsync(alice, definitionId, new { });
            var copies = random.Next(1, 6);
            await Task.WhenAll(Enumerable.Range(0, copies).Select(_ => bus.Publish(new RunWorkflowInstance { WorkflowInstanceId = id })));
            await consumed.WaitForAsync(id, copies + 1);
            await Instances.WaitForSubStatusAsync(alice, id, "Finished");

            Assert.True(CountRun.Runs.TryGetValue(id, out var runs), $"Round {round} (seed {seed}): instance {id} finished without running its activity.");
            Assert.True(runs.Count == 1, $"Round {round} (seed {seed}): instance {id} ran {runs.Count} times for {copies + 1} deliveries.");
        }
    }

    [RabbitMqFact]
    public async Task ReadyCheck_ReportsBrokerDownThenUp()
    {
        using var closedPort = new RefusingPort();
        using var down = MessagingTestNodes.RabbitMq($"amqp://guest:guest@127.0.0.1:{closedPort.Port}/", MessagingTestNodes.NewQueuePrefix());
        using var up = MessagingTestNodes.RabbitMq(RabbitMqTestServer.RequireUri(), MessagingTestNodes.NewQueuePrefix());
        var downClient = down.CreateClient();
        var upClient = up.CreateClient();

        await Eventually.WaitAsync(
            async () => (await downClient.GetAsync("/health/ready")).StatusCode,
            status => status == HttpStatusCode.ServiceUnavailable,
            "/health/ready to report the unreachable broker");
        Assert.Equal(HttpStatusCode.OK, (await downClient.GetAsync("/health/live")).StatusCode);
        await Eventually.WaitAsync(
            async () => (await upClient.GetAsync("/health/ready")).StatusCode,
            status => status == HttpStatusCode.OK,
            "/health/ready to report the reachable broker");
    }

    [RabbitMqFact]
    public async Task ReadyCheck_BrokerLostAfterConnect_Returns503()
    {
        // The node reaches the broker through a forwarder, so the test can take the broker away without stopping it.
        var broker = new Uri(RabbitMqTestServer.RequireUri());
        await using var forwarder = new LoopbackTcpForwarder(broker.Port);
        forwarder.Start();
        using var node = MessagingTestNodes.RabbitMq($"amqp://guest:guest@127.0.0.1:{forwarder.ListenPort}/", MessagingTestNodes.NewQueuePrefix());
        await MessagingTestNodes.WaitUntilReadyAsync(node);
        var client = node.CreateClient();

        forwarder.Cut();
        var lost = await Eventually.WaitAsync(
            async () => await client.GetAsync("/health/ready"),
            response => response.StatusCode == HttpStatusCode.ServiceUnavailable,
            "/health/ready to report the lost broker");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);

        await using var restored = new LoopbackTcpForwarder(broker.Port, forwarder.ListenPort);
        restored.Start();
        await Eventually.WaitAsync(
            async () => (await client.GetAsync("/health/ready")).StatusCode,
            status => status == HttpStatusCode.OK,
            "/health/ready to report the broker back");
        Assert.NotEqual("Healthy", await lost.Content.ReadAsStringAsync());
    }

    private static JsonObject CountDefinition(string definitionId) => JsonNode.Parse($$"""
        { "definitionId": "{{definitionId}}", "root": { "type": "Elsa.Flowchart", "id": "f",
          "activities": [ { "id": "count", "type": "Test.CountRun" } ], "connections": [] } }
        """)!.AsObject();

    /// <summary>Commits a new instance of the receiver's definition whose step sent one message, as a step would.</summary>
    private static async Task CommitOutboxRowAsync(IServiceProvider services, string receiverId, string correlationId, JsonObject payload)
    {
        var receiver = await services.GetRequiredService<IWorkflowInstanceStore>().FindSummaryAsync(receiverId);
        Assert.NotNull(receiver);
        var now = DateTimeOffset.UtcNow;
        var senderId = Guid.NewGuid().ToString("N");
        var message = new OutboxMessage(Guid.NewGuid().ToString("N"), senderId, MessagingTestNodes.MessageType, correlationId, payload.ToJsonString(), now);
        await services.GetRequiredService<IWorkflowCommitter>().CommitAsync(new WorkflowCommit
        {
            Summary = receiver with { Id = senderId, SubStatus = Workflows.Runtime.WorkflowSubStatus.Finished, Revision = 1, FinishedAt = now },
            StateJson = "{}",
            Changes = [message],
        });
    }
}
