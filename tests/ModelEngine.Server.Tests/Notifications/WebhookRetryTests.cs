using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ModelEngine.HumanTasks.Notifications;
using ModelEngine.Server.Notifications.Webhooks;
using ModelEngine.Server.Tests.Infrastructure;

namespace ModelEngine.Server.Tests.Notifications;

/// <summary>A webhook that fails once gets the same event again after a backoff, and nothing after its success.</summary>
public sealed class WebhookRetryTests
{
    private const string Secret = "retry-secret";

    [Fact]
    public async Task Webhook_After500_IsRetriedOnceWithSameEvent()
    {
        await using var webhook = await WebhookListener.StartAsync(500);
        using var server = new ServerFactory()
            .WithSetting("HumanTasks:Webhooks:0:Name", "flaky")
            .WithSetting("HumanTasks:Webhooks:0:Url", webhook.Url.ToString())
            .WithSetting("HumanTasks:Webhooks:0:Secret", Secret)
            .WithSetting("HumanTasks:Webhooks:0:Events:0", "Created")
            .WithSetting("HumanTasks:Delivery:InitialBackoff", "00:00:00.200")
            .WithSetting("HumanTasks:Delivery:PollInterval", "00:00:00.100");
        var dave = await server.CreateClientForAsync("dave");
        var alice = await server.CreateClientForAsync("alice");
        await Fixtures.PublishAsync(dave, Fixtures.LoadAs(Fixtures.SingleReview, "webhook-retry-review"));

        await Instances.DispatchAsync(alice, "webhook-retry-review", new { });
        var requests = await Eventually.WaitAsync(
            () => Task.FromResult(webhook.Requests),
            received => received.Count >= 2,
            "the webhook to be called a second time after its 500");

        var eventId = requests[0].Header(WebhookSignature.EventIdHeader);
        var store = server.Services.GetRequiredService<INotificationDeliveryStore>();
        var delivery = (await Eventually.WaitAsync(
            () => store.ListByEventAsync(eventId),
            rows => rows.Count == 1 && rows[0].DeliveredAt is not null,
            $"the delivery of event {eventId} to be recorded as delivered")).Single();

        Assert.Equal(2, delivery.Attempts);
        Assert.Contains("500", delivery.LastError);
        Assert.Equal(2, webhook.Requests.Count);
        Assert.Equal(500, requests[0].AnsweredStatus);
        Assert.Equal(200, requests[1].AnsweredStatus);
        Assert.Equal(eventId, requests[1].Header(WebhookSignature.EventIdHeader));
        Assert.Equal(requests[0].Body, requests[1].Body);
        foreach (var request in requests)
        {
            Assert.True(
                WebhookSignature.Verify(Secret, request.Header(WebhookSignature.TimestampHeader), request.Body, request.Header(WebhookSignature.SignatureHeader)),
                "The signature does not match the body and timestamp.");
            Assert.False(WebhookSignature.Verify("another-secret", request.Header(WebhookSignature.TimestampHeader), request.Body, request.Header(WebhookSignature.SignatureHeader)));
        }

        using var body = JsonDocument.Parse(Encoding.UTF8.GetString(requests[1].Body));
        Assert.Equal(eventId, body.RootElement.GetProperty("id").GetString());
        Assert.Equal("Created", body.RootElement.GetProperty("kind").GetString());
        Assert.Equal("bob", body.RootElement.GetProperty("task").GetProperty("assignee").GetString());
        Assert.True(body.RootElement.TryGetProperty("occurredAt", out _), "The payload has no occurredAt.");
    }
}
