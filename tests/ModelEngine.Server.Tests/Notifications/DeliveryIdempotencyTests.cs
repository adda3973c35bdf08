using Microsoft.Extensions.DependencyInjection;
using ModelEngine.HumanTasks.Model;
using ModelEngine.HumanTasks.Notifications;
using ModelEngine.Messaging.Outbox;
using ModelEngine.Server.Notifications.Webhooks;
using ModelEngine.Server.Tests.Infrastructure;

namespace ModelEngine.Server.Tests.Notifications;

/// <summary>
/// The relay delivers a task event at least once, so the same outbox row may reach the delivery planner twice, even
/// on two nodes at once. Each webhook still gets the event once, and a rejected request is not retried.
/// </summary>
public sealed class DeliveryIdempotencyTests
{
    [Fact]
    public async Task RepeatedRelay_DeliversWebhookOnce()
    {
        await using var webhook = await WebhookListener.StartAsync();
        using var server = WithWebhook(new ServerFactory(), webhook);
        var planner = server.Services.GetServices<IOutboxMessageHandler>().Single(handler => handler.MessageType == HumanTaskEventMessage.MessageType);
        var message = HumanTaskEventMessage.ToOutboxMessage(Event());

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => planner.HandleAsync(message, CancellationToken.None))).WaitAsync(Timeouts.Request);
        await planner.HandleAsync(message, CancellationToken.None).WaitAsync(Timeouts.Request);

        var store = server.Services.GetRequiredService<INotificationDeliveryStore>();
        var delivery = (await Eventually.WaitAsync(
            () => store.ListByEventAsync(message.Id),
            rows => rows.Count == 1 && rows[0].DeliveredAt is not null,
            $"the one delivery of event {message.Id} to be recorded as delivered")).Single();
        Assert.Equal(1, delivery.Attempts);
        var request = Assert.Single(webhook.Requests);
        Assert.Equal(message.Id, request.Header(WebhookSignature.EventIdHeader));
    }

    [Fact]
    public async Task Webhook_400_IsGivenUpWithoutRetry()
    {
        await using var webhook = await WebhookListener.StartAsync(400);
        using var server = WithWebhook(new ServerFactory(), webhook);
        var planner = server.Services.GetServices<IOutboxMessageHandler>().Single(handler => handler.MessageType == HumanTaskEventMessage.MessageType);
        var message = HumanTaskEventMessage.ToOutboxMessage(Event());

        await planner.HandleAsync(message, CancellationToken.None).WaitAsync(Timeouts.Request);

        var store = server.Services.GetRequiredService<INotificationDeliveryStore>();
        var delivery = (await Eventually.WaitAsync(
            () => store.ListByEventAsync(message.Id),
            rows => rows.Count == 1 && rows[0].FailedAt is not null,
            $"the delivery of event {message.Id} to be given up")).Single();
        Assert.Equal(1, delivery.Attempts);
        Assert.Null(delivery.DeliveredAt);
        Assert.Contains("400", delivery.LastError);
        Assert.Single(webhook.Requests);
    }

    private static ServerFactory WithWebhook(ServerFactory factory, WebhookListener webhook) => factory
        .WithSetting("HumanTasks:Webhooks:0:Name", "once")
        .WithSetting("HumanTasks:Webhooks:0:Url", webhook.Url.ToString())
        .WithSetting("HumanTasks:Webhooks:0:Secret", "once-secret")
        .WithSetting("HumanTasks:Webhooks:0:Events:0", "Completed")
        .WithSetting("HumanTasks:Delivery:InitialBackoff", "00:00:00.100")
        .WithSetting("HumanTasks:Delivery:PollInterval", "00:00:00.100");

    private static HumanTaskEvent Event()
    {
        var now = DateTimeOffset.UtcNow;
        return new HumanTaskEvent
        {
            Id = HumanTaskHistory.NewId(),
            Kind = HumanTaskEventKind.Completed,
            Actor = "bob",
            At = now,
            Task = new HumanTask
            {
                Id = "task-" + Guid.NewGuid().ToString("N"),
                WorkflowInstanceId = "instance-1",
                DefinitionId = "review",
                ActivityId = "review",
                ActivityInstanceId = "activity-1",
                BookmarkId = "bookmark-1",
                Title = "Review",
                Status = HumanTaskStatus.Completed,
                Assignee = "bob",
                CreatedAt = now,
                CompletedAt = now,
                CompletedBy = "bob",
                Outcome = "Approve",
            },
        };
    }
}
