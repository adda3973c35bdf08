using System.Net;
using System.Text.Json.Nodes;
using ModelEngine.Server.Tests.Infrastructure;

namespace ModelEngine.Server.Tests.Inbox;

/// <summary>A substitute works the tasks of a user who is away, and the history names the user they acted for.</summary>
public sealed class SubstituteActionTests : IClassFixture<InboxServer>
{
    private readonly InboxServer _server;

    public SubstituteActionTests(InboxServer server)
    {
        _server = server;
    }

    [Fact]
    public async Task ActiveRule_SubstituteCompletes_HistoryNamesBoth()
    {
        var alice = await _server.ClientAsync("alice");
        var carol = await _server.ClientAsync("carol");
        var dave = await _server.ClientAsync("dave");
        var definitionId = await _server.PublishAsync(new JsonObject { ["assignee"] = "carol" });
        var (_, task) = await _server.StartAsync(definitionId, alice, carol);
        var taskId = task["id"]!.GetValue<string>();

        // Without a rule, dave cannot see carol's task.
        await dave.GetObjectAsync($"/api/tasks/{taskId}", HttpStatusCode.NotFound);

        var now = DateTimeOffset.UtcNow;
        await InboxServer.PostAsync(carol, "/api/tasks/substitutes",
            new { substitute = "dave", from = now.AddMinutes(-5), to = now.AddDays(1) }, HttpStatusCode.Created);

        var seen = await dave.GetObjectAsync($"/api/tasks/{taskId}");
        Assert.Equal("carol", seen["assignee"]!.GetValue<string>());
        var completed = await InboxServer.PostAsync(dave, $"/api/tasks/{taskId}/complete", new { outcome = "Approve" });
        Assert.Equal("carol", completed["completedBy"]!.GetValue<string>());

        var history = await InboxServer.HistoryAsync(carol, taskId);
        var completion = history.Single(entry => entry!["action"]!.GetValue<string>() == "complete")!;
        Assert.Equal("dave", completion["actor"]!.GetValue<string>());
        Assert.Equal("carol", completion["onBehalfOf"]!.GetValue<string>());
    }

    [Fact]
    public async Task FutureRule_SubstituteGets404()
    {
        var alice = await _server.ClientAsync("alice");
        var erin = await _server.ClientAsync("erin");
        var frank = await _server.ClientAsync("frank");
        var definitionId = await _server.PublishAsync(new JsonObject { ["assignee"] = "erin" });
        var (_, task) = await _server.StartAsync(definitionId, alice, erin);
        var taskId = task["id"]!.GetValue<string>();

        var now = DateTimeOffset.UtcNow;
        await InboxServer.PostAsync(erin, "/api/tasks/substitutes",
            new { substitute = "frank", from = now.AddDays(2), to = now.AddDays(3) }, HttpStatusCode.Created);

        await frank.GetObjectAsync($"/api/tasks/{taskId}", HttpStatusCode.NotFound);
        await InboxServer.PostAsync(frank, $"/api/tasks/{taskId}/complete", new { outcome = "Approve" }, HttpStatusCode.NotFound);
    }
}
