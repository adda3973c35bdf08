using System.Net;
using System.Text.Json.Nodes;
using ModelEngine.Server.Tests.Infrastructure;

namespace ModelEngine.Server.Tests;

/// <summary>The document-review sample: a Waterflow flow holds paragraphs until a manager releases them through the task API.</summary>
public sealed class DocumentReviewTests : IClassFixture<ServerFactory>
{
    private readonly ServerFactory _factory;

    public DocumentReviewTests(ServerFactory factory)
    {
        _factory = factory;
    }

    [Fact]
    public async Task Sample_ReviewerReleasesParagraphs_Finishes()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        var alice = await _factory.CreateClientForAsync("alice");
        var bob = await _factory.CreateClientForAsync("bob");
        await dave.PostObjectAsync("/api/workflow-definitions/import", Fixtures.Load(Fixtures.DocumentReview), HttpStatusCode.Created);

        var documents = new[]
        {
            new { title = "Refunds", text = "Refunds are paid within 30 days.\n\nKeep the receipt.\n\nInternal: margin is 4 %." },
        };
        var instanceId = await Instances.DispatchAsync(alice, "document-review", new { documents });
        var task = await Instances.WaitForTaskAsync(bob, instanceId);
        var held = task["data"]!["held"]!.AsArray();
        Assert.Equal(3, held.Count);
        Assert.Equal("Internal: margin is 4 %.", held[2]!["value"]!["text"]!.GetValue<string>());
        Assert.Equal(["Release"], task["outcomes"]!.AsArray().Select(outcome => outcome!.GetValue<string>()));

        var taskId = task["id"]!.GetValue<string>();
        await bob.PostObjectAsync($"/api/tasks/{taskId}/claim", null);
        var release = new JsonArray(held[0]!["id"]!.GetValue<string>(), held[1]!["id"]!.GetValue<string>());
        await bob.PostObjectAsync($"/api/tasks/{taskId}/complete", new { outcome = "Release", data = new JsonObject { ["release"] = release } });

        var finished = await Instances.WaitForSubStatusAsync(alice, instanceId, "Finished");
        var paragraphs = finished["output"]!["paragraphs"]!.AsArray();
        Assert.Equal(2, paragraphs.Count);
        Assert.Equal("Keep the receipt.", paragraphs[1]!["text"]!.GetValue<string>());
        Assert.Equal(3, paragraphs[1]!["words"]!.GetValue<int>());
    }
}
