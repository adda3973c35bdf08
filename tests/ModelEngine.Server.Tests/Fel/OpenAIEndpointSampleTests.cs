using System.Net;
using System.Text.Json.Nodes;
using ModelEngine.Fel.Providers.Tests.Infrastructure;
using ModelEngine.Server.Tests.Infrastructure;

namespace ModelEngine.Server.Tests.Fel;

/// <summary>
/// The draft-review sample with nothing faked inside the server: the model is configured under <c>Fel:Models</c> and
/// served by an OpenAI-compatible endpoint on loopback, and the policies are embedded offline and stored in SQLite.
/// </summary>
public sealed class OpenAIEndpointSampleTests
{
    private const string ApiKey = "sk-e2e-not-a-real-key";

    private const string RefundPolicy = "Refunds are paid back to the original card within 14 days after the returned item reaches our warehouse.";

    [Fact]
    public async Task DraftReview_OverOpenAIEndpoint_Finishes()
    {
        await using var model = await LoopbackModelServer.StartAsync();
        const string draft = "Dear Ada, your refund reaches your card within 14 days.";
        model.EnqueueResponse(200, OpenAIPayloads.Completion(draft));
        using var server = new ServerFactory()
            .WithSetting("Fel:Models:drafting:Provider", "OpenAI")
            .WithSetting("Fel:Models:drafting:Endpoint", new Uri(model.BaseAddress, "v1").ToString())
            .WithSetting("Fel:Models:drafting:Model", "qwen-e2e")
            .WithSetting("Fel:Models:drafting:ApiKey", ApiKey);
        var dave = await server.CreateClientForAsync("dave");
        await dave.PostObjectAsync("/api/knowledge-bases/policies/documents", new JsonObject
        {
            ["documents"] = new JsonArray(
                new JsonObject { ["id"] = "refunds", ["text"] = RefundPolicy },
                new JsonObject { ["id"] = "shipping", ["text"] = "Parcels leave the Berlin warehouse on weekdays." }),
        });
        await dave.PostObjectAsync("/api/workflow-definitions/import", Fixtures.Load("ai-draft-review.json"), HttpStatusCode.Created);

        var alice = await server.CreateClientForAsync("alice");
        var instanceId = await Instances.DispatchAsync(alice, "ai-draft-review", new
        {
            customerEmail = "I sent the shoes back last week. When will I see the money on my card?",
            customerName = "Ada",
        });
        var sam = await server.CreateClientForAsync("sam");
        var task = await Instances.WaitForTaskAsync(sam, instanceId);
        Assert.Equal(draft, task["data"]!["draft"]!.GetValue<string>());

        var request = Assert.Single(model.Requests);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal($"Bearer {ApiKey}", request.Authorization);
        Assert.Equal("qwen-e2e", request.Json["model"]!.GetValue<string>());
        var messages = request.Json["messages"]!.AsArray();
        Assert.Equal("system", messages[0]!["role"]!.GetValue<string>());
        Assert.Contains(RefundPolicy, messages[0]!["content"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("user", messages[^1]!["role"]!.GetValue<string>());
        Assert.Contains("money on my card", messages[^1]!["content"]!.ToJsonString(), StringComparison.Ordinal);

        const string edited = "Dear Ada, your refund reaches your card within 14 days of the shoes arriving.";
        var taskId = task["id"]!.GetValue<string>();
        await sam.PostObjectAsync($"/api/tasks/{taskId}/claim", null);
        await sam.PostObjectAsync($"/api/tasks/{taskId}/complete", new { outcome = "Approve", data = new JsonObject { ["reply"] = edited } });
        var finished = await Instances.WaitForSubStatusAsync(alice, instanceId, "Finished");
        Assert.Equal(edited, finished["output"]!["reply"]!.GetValue<string>());
        Assert.Single(model.Requests);
    }
}
