using System.Net;
using System.Text;
using System.Text.Json;
using ModelEngine.HumanTasks.Notifications;
using ModelEngine.Server.Notifications.Webhooks;
using ModelEngine.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ModelEngine.Server.Tests.Notifications;

/// <summary>
/// Five members of one candidate group are connected to the task hub of a server on loopback. One of them claims the
/// task through the API, and the live inbox and the webhook each report the claim once.
/// </summary>
public sealed class GroupClaimNotificationTests
{
    private const string Secret = "group-claim-secret";

    [Fact]
    public async Task GroupClaim_NotifiesEachMemberOnce()
    {
        await using var webhook = await WebhookListener.StartAsync();
        using var server = new ServerFactory()
            .WithReviewers()
            .WithLoopbackKestrel()
            .WithSetting("HumanTasks:Webhooks:0:Name", "audit")
            .WithSetting("HumanTasks:Webhooks:0:Url", webhook.Url.ToString())
            .WithSetting("HumanTasks:Webhooks:0:Secret", Secret)
            .WithSetting("HumanTasks:Webhooks:0:Events:0", "Claimed");
        var dave = await server.CreateClientForAsync("dave");
        var alice = await server.CreateClientForAsync("alice");
        await Fixtures.PublishAsync(dave, Fixtures.LoadAs(Fixtures.GroupReview, "group-claim-review"));

        var members = new List<TaskHubClient>();
        foreach (var reviewer in NotificationTestUsers.Reviewers)
        {
            members.Add(await TaskHubClient.ConnectAsync(server, reviewer));
        }

        try
        {
            var instanceId = await Instances.DispatchAsync(alice, "group-claim-review", new { });
            var created = await members[0].WaitForAsync(m => m.GetProperty("workflowInstanceId").GetString() == instanceId && m.GetProperty("kind").GetString() == "Created", "the Created change of the first task");
            var taskId = created.GetProperty("taskId").GetString()!;
            Assert.Equal("Ready", created.GetProperty("status").GetString());
            Assert.Equal(taskId, created.GetProperty("task").GetProperty("id").GetString());
            foreach (var member in members.Skip(1))
            {
                await member.WaitForAsync(m => m.GetProperty("taskId").GetString() == taskId && m.GetProperty("kind").GetString() == "Created", $"the Created change of task {taskId}");
            }

            var claimer = await server.CreateClientForAsync(members[0].User);
            var response = await claimer.PostAsync($"/api/tasks/{taskId}/claim", null).WaitAsync(Timeouts.Request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);

            // Each node sends task changes in commit order, so once the Created change of a second task has reached a
            // member, every change of the first task has reached it too.
            var barrierId = await Instances.DispatchAsync(alice, "group-claim-review", new { });
            foreach (var member in members)
            {
                await member.WaitForAsync(m => m.GetProperty("workflowInstanceId").GetString() == barrierId && m.GetProperty("kind").GetString() == "Created", "the Created change of the second task");
            }

            foreach (var member in members.Skip(1))
            {
                var claimed = Assert.Single(member.Changes(taskId, "Claimed"));
                Assert.Equal(members[0].User, claimed.GetProperty("assignee").GetString());
                Assert.Equal(members[0].User, claimed.GetProperty("actor").GetString());
                Assert.Equal("Reserved", claimed.GetProperty("status").GetString());
                Assert.Single(member.Changes(taskId, "Created"));
            }

            var claimEvent = Assert.Single(members[0].Changes(taskId, "Claimed"));
            await AssertWebhookFiredOnceAsync(server, webhook, claimEvent.GetProperty("id").GetString()!, taskId);
        }
        finally
        {
            foreach (var member in members)
            {
                await member.DisposeAsync();
            }
        }
    }

    private static async Task AssertWebhookFiredOnceAsync(ServerFactory server, WebhookListener webhook, string eventId, string taskId)
    {
        var store = server.Services.GetRequiredService<INotificationDeliveryStore>();
        var deliveries = await Eventually.WaitAsync(
            () => store.ListByEventAsync(eventId),
            rows => rows.Count == 1 && rows[0].DeliveredAt is not null,
            $"the webhook delivery of claim event {eventId} to be recorded as delivered");
        Assert.Equal(1, deliveries[0].Attempts);

        var request = Assert.Single(webhook.Requests);
        Assert.Equal(eventId, request.Header(WebhookSignature.EventIdHeader));
        Assert.Equal("Claimed", request.Header(WebhookSignature.EventKindHeader));
        var timestamp = request.Header(WebhookSignature.TimestampHeader);
        Assert.True(WebhookSignature.Verify(Secret, timestamp, request.Body, request.Header(WebhookSignature.SignatureHeader)), "The signature does not match the body.");

        using var body = JsonDocument.Parse(Encoding.UTF8.GetString(request.Body));
        Assert.Equal(eventId, body.RootElement.GetProperty("id").GetString());
        Assert.Equal("Claimed", body.RootElement.GetProperty("kind").GetString());
        Assert.Equal(taskId, body.RootElement.GetProperty("task").GetProperty("id").GetString());
    }
}
