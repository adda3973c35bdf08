using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ModelEngine.Fel.Workflows.Conversations;
using ModelEngine.Server.Tests.Infrastructure;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Server.Tests.Fel;

/// <summary>The draft-review sample: a model drafts a reply from retrieved policies, a support agent edits and approves it.</summary>
public sealed class DraftReviewSampleTests : IClassFixture<FelServer>
{
    private const string DefinitionId = "ai-draft-review";

    private const string RefundPolicy = "Refunds are paid within 14 days of the returned item's arrival.";

    private readonly FelServer _server;

    public DraftReviewSampleTests(FelServer server)
    {
        _server = server;
    }

    [Fact]
    public async Task Sample_ReviewerEditsDraft_Finishes()
    {
        await _server.Knowledge.Get(FelServer.PoliciesKnowledgeBase).IndexAsync(
        [
            new ModelEngine.Fel.KnowledgeChunk("refunds#0", "refunds", 0, RefundPolicy),
            new ModelEngine.Fel.KnowledgeChunk("shipping#0", "shipping", 0, "Parcels ship from the Berlin warehouse."),
        ]);
        _server.Client.Reply("Dear Ada, ", "your refund will arrive within 30 days.");
        var dave = await _server.Factory.CreateClientForAsync("dave");
        var alice = await _server.Factory.CreateClientForAsync("alice");
        var sam = await _server.Factory.CreateClientForAsync(FelServer.Reviewer);
        await dave.PostObjectAsync("/api/workflow-definitions/import", Fixtures.Load("ai-draft-review.json"), HttpStatusCode.Created);

        var instanceId = await Instances.DispatchAsync(alice, DefinitionId, new
        {
            customerEmail = "Hello, when are refunds paid for my returned shoes?",
            customerName = "Ada",
        });
        var task = await Instances.WaitForTaskAsync(sam, instanceId);

        const string draft = "Dear Ada, your refund will arrive within 30 days.";
        Assert.Equal("Review the reply to Ada", task["title"]!.GetValue<string>());
        Assert.Equal(draft, task["data"]!["draft"]!.GetValue<string>());
        Assert.Equal(draft, task["formSchema"]!["properties"]!["reply"]!["default"]!.GetValue<string>());
        var prompt = Assert.Single(_server.Client.Requests).Messages;
        Assert.Contains(RefundPolicy, prompt[0].Text, StringComparison.Ordinal);
        Assert.Contains("when are refunds paid", prompt[^1].Text, StringComparison.Ordinal);

        const string edited = "Dear Ada, your refund will be paid within 14 days of the shoes' arrival.";
        var taskId = task["id"]!.GetValue<string>();
        await sam.PostObjectAsync($"/api/tasks/{taskId}/claim", null);
        await sam.PostObjectAsync($"/api/tasks/{taskId}/complete", new { outcome = "Approve", data = new JsonObject { ["reply"] = edited } });

        var finished = await Instances.WaitForSubStatusAsync(alice, instanceId, "Finished");
        Assert.Equal(edited, finished["output"]!["reply"]!.GetValue<string>());
        Assert.True(finished["output"]!["approved"]!.GetValue<bool>());
        var memory = await LoadConversationAsync(instanceId, "customer-reply");
        Assert.Equal(3, memory.Count);
        Assert.Equal("assistant", memory[1]!["role"]!.GetValue<string>());
        Assert.Equal(draft, memory[1]!["text"]!.GetValue<string>());
        Assert.Equal("assistant", memory[2]!["role"]!.GetValue<string>());
        Assert.Equal(edited, memory[2]!["text"]!.GetValue<string>());
        Assert.Single(_server.Client.Requests);
    }

    private async Task<JsonArray> LoadConversationAsync(string instanceId, string conversationId)
    {
        var store = _server.Factory.Services.GetRequiredService<IWorkflowInstanceStore>();
        var snapshot = await store.LoadAsync(instanceId).WaitAsync(Timeouts.Request);
        Assert.NotNull(snapshot);
        var state = WorkflowStateSerializer.Deserialize(snapshot.StateJson);
        var conversations = state.Properties[ConversationMemoryStore.PropertyName];
        Assert.True(conversations is JsonObject, $"The instance stores no conversations: {state.Properties.ToJsonString()}");
        return conversations[conversationId]!["messages"]!.AsArray();
    }
}
