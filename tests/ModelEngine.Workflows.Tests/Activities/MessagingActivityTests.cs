using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ModelEngine.Workflows.Messaging;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Runtime;
using ModelEngine.Workflows.Tests.Support;
using static ModelEngine.Workflows.Tests.Support.Json;

namespace ModelEngine.Workflows.Tests.Activities;

public sealed class MessagingActivityTests
{
    private static EngineHarness Engine(params string[] messageTypes) =>
        new(services => services.AddSingleton(new MessageTypeCatalog(messageTypes)));

    private static Task<string> PublishSenderAsync(EngineHarness engine, string messageType) => engine.PublishAsync(
        Array(Activity("send", "ModelEngine.PublishMessage",
            ("messageType", Literal(messageType, "String")),
            ("payload", Expr("JavaScript", "({ orderId: 7 })")))),
        []);

    [Fact]
    public async Task PublishMessage_WritesOutboxRowWithCommit()
    {
        using var engine = Engine("OrderShipped");
        var id = await PublishSenderAsync(engine, "OrderShipped");

        var instance = await engine.Runtime.ExecuteAsync(new StartWorkflowRequest(id, CorrelationId: "order-7"));

        var outbox = engine.Services.GetRequiredService<IOutboxStore>();
        var row = Assert.Single(await outbox.ListUnclaimedMessagesAsync(engine.Clock.GetUtcNow(), 10));
        Assert.Equal(WorkflowSubStatus.Finished, instance.Summary.SubStatus);
        Assert.Equal(instance.Summary.Id, row.WorkflowInstanceId);
        Assert.Equal("OrderShipped", row.MessageType);
        Assert.Equal("order-7", row.CorrelationId);
        Assert.Equal(7, JsonNode.Parse(row.PayloadJson!)!["orderId"]!.GetValue<int>());
    }

    [Fact]
    public async Task PublishMessage_UnknownType_FaultsWithoutOutboxRow()
    {
        using var engine = Engine("OrderShipped");
        var id = await PublishSenderAsync(engine, "OrderLost");

        var instance = await engine.Runtime.ExecuteAsync(new StartWorkflowRequest(id));

        var incident = Assert.Single(instance.Incidents);
        Assert.Equal(WorkflowSubStatus.Faulted, instance.Summary.SubStatus);
        Assert.Contains("'OrderLost'", incident.Message);
        Assert.Contains("OrderShipped", incident.Message);
        Assert.Empty(await engine.Services.GetRequiredService<IOutboxStore>().ListUnclaimedMessagesAsync(engine.Clock.GetUtcNow(), 10));
    }

    [Fact]
    public async Task FailedCommit_LeavesNoOutboxRow()
    {
        using var engine = Engine("OrderShipped");
        var committer = engine.Services.GetRequiredService<IWorkflowCommitter>();
        var now = engine.Clock.GetUtcNow();
        var summary = new WorkflowInstanceSummary
        {
            Id = "instance-1",
            DefinitionId = "d",
            DefinitionVersionId = "d-1",
            Version = 1,
            SubStatus = WorkflowSubStatus.Finished,
            CreatedAt = now,
            UpdatedAt = now,
            Revision = 1,
        };
        var message = new OutboxMessage("m-1", "instance-1", "OrderShipped", null, null, now);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => committer.CommitAsync(new WorkflowCommit
        {
            Summary = summary,
            StateJson = "{}",
            ExpectedRevision = 4,
            Changes = [message],
        }));

        Assert.Empty(await engine.Services.GetRequiredService<IOutboxStore>().ListUnclaimedMessagesAsync(now, 10));
    }

    [Fact]
    public async Task MessageReceived_WaitsOnBookmarkWithFilter()
    {
        using var engine = Engine("OrderShipped");
        var id = await engine.PublishAsync(
            Array(Activity("wait", "ModelEngine.MessageReceived",
                ("messageType", Literal("OrderShipped", "String")),
                ("correlationId", Literal("order-7", "String")))),
            []);

        var instance = await engine.Runtime.ExecuteAsync(new StartWorkflowRequest(id));

        var bookmark = Assert.Single(await engine.Instances.ListBookmarksAsync("ModelEngine.MessageReceived", instance.Summary.Id));
        var payload = JsonNode.Parse(bookmark.PayloadJson!)!;
        Assert.Equal(WorkflowSubStatus.Suspended, instance.Summary.SubStatus);
        Assert.Equal("OrderShipped", payload["messageType"]!.GetValue<string>());
        Assert.Equal("order-7", payload["correlationId"]!.GetValue<string>());
    }
}
