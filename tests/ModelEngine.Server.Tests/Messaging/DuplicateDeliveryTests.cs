using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using ModelEngine.Messaging.Contracts;
using ModelEngine.Messaging.Telemetry;
using ModelEngine.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace ModelEngine.Server.Tests.Messaging;

/// <summary>
/// Delivers the same message several times, as an at-least-once relay may, on MassTransit's in-memory bus, and checks
/// that it resumes an instance once.
/// </summary>
public sealed class DuplicateDeliveryTests : IClassFixture<DuplicateDeliveryTests.Node>
{
    private readonly Node _node;
    private readonly ITestOutputHelper _output;

    public DuplicateDeliveryTests(Node node, ITestOutputHelper output)
    {
        _node = node;
        _output = output;
    }

    [Fact]
    public async Task RepeatedMessage_ResumesReceiverOnce()
    {
        var seed = Environment.GetEnvironmentVariable("MODELENGINE_TEST_SEED") is { Length: > 0 } text ? int.Parse(text) : Random.Shared.Next();
        _output.WriteLine($"Seed {seed} (set MODELENGINE_TEST_SEED to repeat); {MessagingStress.Rounds} rounds.");
        var random = new Random(seed);
        var dave = await _node.CreateClientForAsync("dave");
        var alice = await _node.CreateClientForAsync("alice");
        var bus = _node.Services.GetRequiredService<IBus>();
        using var consumed = new ConsumeSpanCounter("consume WorkflowMessage", MessagingTelemetry.MessageIdTag);

        for (var round = 0; round < MessagingStress.Rounds; round++)
        {
            // Two MessageReceived in a row: a repeated delivery that resumed twice would also pass the second one.
            var correlationId = $"dup-{seed}-{round}";
            var definitionId = $"receive-twice-{seed}-{round}";
            await Fixtures.PublishAsync(dave, MessagingDefinitions.Receiver(definitionId, MessagingTestNodes.MessageType, correlationId, receives: 2));
            var instanceId = await Instances.DispatchAsync(alice, definitionId, new { });
            await Instances.WaitForSubStatusAsync(alice, instanceId, "Suspended");

            // Copies that arrive together race for the first bookmark. Copies that arrive after the instance moved on
            // meet the second bookmark, and only the consumed-message record keeps them from resuming it.
            var repeated = Message(correlationId, round);
            var together = random.Next(1, 5);
            var later = random.Next(1, 5);
            await Task.WhenAll(Enumerable.Range(0, together).Select(_ => bus.Publish(repeated)));
            await consumed.WaitForAsync(repeated.MessageId, together);
            await Instances.WaitForSubStatusAsync(alice, instanceId, "Suspended");
            await Task.WhenAll(Enumerable.Range(0, later).Select(_ => bus.Publish(repeated)));
            await consumed.WaitForAsync(repeated.MessageId, together + later);

            var afterRepeats = await alice.GetObjectAsync($"/api/workflow-instances/{instanceId}");
            Assert.True(
                afterRepeats["subStatus"]?.GetValue<string>() == "Suspended",
                $"Round {round} (seed {seed}): {together} + {later} deliveries of message {repeated.MessageId} left instance {instanceId} {afterRepeats["subStatus"]}, expected Suspended in its second MessageReceived.");

            await bus.Publish(Message(correlationId, round));
            var finished = await Instances.WaitForSubStatusAsync(alice, instanceId, "Finished");
            Assert.Equal(round, finished["output"]?["received"]?["round"]?.GetValue<int>());
        }
    }

    [Fact]
    public async Task RepeatedMessage_StartsOneInstance()
    {
        var seed = Random.Shared.Next();
        var deliveries = new Random(seed).Next(2, 8);
        _output.WriteLine($"Seed {seed}: {deliveries} deliveries.");
        var dave = await _node.CreateClientForAsync("dave");
        var admin = await _node.CreateClientForAsync("admin");
        var bus = _node.Services.GetRequiredService<IBus>();
        using var consumed = new ConsumeSpanCounter("consume WorkflowMessage", MessagingTelemetry.MessageIdTag);
        var correlationId = $"start-{seed}";
        var definitionId = $"start-on-message-{seed}";
        await Fixtures.PublishAsync(dave, MessagingDefinitions.Receiver(definitionId, MessagingTestNodes.MessageType, correlationId));
        var message = Message(correlationId, 5);

        await Task.WhenAll(Enumerable.Range(0, deliveries).Select(_ => bus.Publish(message)));
        await consumed.WaitForAsync(message.MessageId, deliveries);

        var list = await Eventually.WaitAsync(
            () => admin.GetObjectAsync($"/api/workflow-instances?definitionId={definitionId}"),
            page => page["items"]!.AsArray().Any(item => item?["subStatus"]?.GetValue<string>() == "Finished"),
            $"an instance of {definitionId} started by message {message.MessageId} to finish");
        var instance = Assert.Single(list["items"]!.AsArray())!;
        Assert.Equal(correlationId, instance["correlationId"]?.GetValue<string>());
        var finished = await admin.GetObjectAsync($"/api/workflow-instances/{instance["id"]!.GetValue<string>()}");
        Assert.Equal(5, finished["output"]?["received"]?["round"]?.GetValue<int>());
    }

    private static WorkflowMessage Message(string correlationId, int round) => new()
    {
        MessageId = Guid.NewGuid().ToString("N"),
        MessageType = MessagingTestNodes.MessageType,
        CorrelationId = correlationId,
        Payload = new JsonObject { ["round"] = round },
    };

    /// <summary>The host for this class: the in-memory bus with the test message type configured.</summary>
    public sealed class Node : IDisposable
    {
        private readonly ServerFactory _factory = MessagingTestNodes.InMemory();

        public IServiceProvider Services => _factory.Services;

        public Task<HttpClient> CreateClientForAsync(string username) => _factory.CreateClientForAsync(username);

        public void Dispose() => _factory.Dispose();
    }
}
