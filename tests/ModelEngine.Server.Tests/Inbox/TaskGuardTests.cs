using System.Net;
using System.Text.Json.Nodes;
using ModelEngine.Server.Tests.Infrastructure;

namespace ModelEngine.Server.Tests.Inbox;

/// <summary>Four-eyes rules for substitutes and skips, and bad input that must get 400 instead of 500.</summary>
public sealed class TaskGuardTests : IClassFixture<InboxServer>
{
    private readonly InboxServer _server;

    public TaskGuardTests(InboxServer server)
    {
        _server = server;
    }

    [Fact]
    public async Task ExcludedSubstitute_Gets403()
    {
        var gina = await _server.ClientAsync("gina");
        var frank = await _server.ClientAsync("frank");
        var definitionId = await _server.PublishAsync(new JsonObject
        {
            ["candidateUsers"] = new JsonArray("frank"),
            ["excludeInitiator"] = true,
        });
        var (_, task) = await _server.StartAsync(definitionId, gina, frank);
        var taskId = task["id"]!.GetValue<string>();

        // frank names gina, the initiator, as his substitute; she still may not decide her own request.
        var now = DateTimeOffset.UtcNow;
        await InboxServer.PostAsync(frank, "/api/tasks/substitutes", new { substitute = "gina", from = now.AddMinutes(-1), to = now.AddDays(1) }, HttpStatusCode.Created);
        await InboxServer.PostAsync(gina, $"/api/tasks/{taskId}/claim", expected: HttpStatusCode.Forbidden);
        await InboxServer.PostAsync(frank, $"/api/tasks/{taskId}/claim");
        await InboxServer.PostAsync(gina, $"/api/tasks/{taskId}/complete", new { outcome = "Approve" }, HttpStatusCode.Forbidden);

        Assert.Equal(["create", "claim"], InboxServer.Actions(await InboxServer.HistoryAsync(frank, taskId)));
    }

    [Fact]
    public async Task ExcludedUser_CannotSkip()
    {
        var gina = await _server.ClientAsync("gina");
        var definitionId = await _server.PublishAsync(new JsonObject
        {
            ["candidateGroups"] = new JsonArray("managers"),
            ["excludeInitiator"] = true,
            ["skippable"] = true,
        });
        var (_, task) = await _server.StartAsync(definitionId, gina, gina);
        var taskId = task["id"]!.GetValue<string>();

        await InboxServer.PostAsync(gina, $"/api/tasks/{taskId}/skip", expected: HttpStatusCode.Forbidden);
        Assert.Equal("Ready", (await gina.GetObjectAsync($"/api/tasks/{taskId}"))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task BadInput_Gets400()
    {
        var alice = await _server.ClientAsync("alice");
        var bob = await _server.ClientAsync("bob");
        var definitionId = await _server.PublishAsync(new JsonObject { ["candidateGroups"] = new JsonArray("managers") });
        var (_, task) = await _server.StartAsync(definitionId, alice, bob);
        var taskId = task["id"]!.GetValue<string>();
        var claimed = await InboxServer.PostAsync(bob, $"/api/tasks/{taskId}/claim");

        var longName = new string('x', 300);
        var tooLong = await InboxServer.PostAsync(bob, $"/api/tasks/{taskId}/reassign", new { assignee = longName }, HttpStatusCode.BadRequest);
        Assert.Equal("assignee", tooLong["parameter"]!.GetValue<string>());
        await InboxServer.PostAsync(bob, $"/api/tasks/{taskId}/forward", new { candidateUsers = new[] { longName } }, HttpStatusCode.BadRequest);
        await InboxServer.PostAsync(bob, "/api/tasks/substitutes", new { substitute = longName, from = "2030-01-01T00:00:00Z", to = "2030-01-02T00:00:00Z" }, HttpStatusCode.BadRequest);
        await InboxServer.PostAsync(bob, "/api/tasks/filters", new { name = longName, filter = new { } }, HttpStatusCode.BadRequest);
        await InboxServer.PostAsync(bob, "/api/tasks/search", new { filter = new { variables = new object?[] { null } } }, HttpStatusCode.BadRequest);

        var draft = await InboxServer.SendAsync(bob, HttpMethod.Put, $"/api/tasks/{taskId}/draft", new { data = "text" }, HttpStatusCode.BadRequest);
        Assert.Equal("data", draft["parameter"]!.GetValue<string>());

        // If-Match compares strong ETags, so the weak form of the current ETag does not match.
        var etag = claimed["etag"]!.GetValue<string>();
        await InboxServer.PostAsync(bob, $"/api/tasks/{taskId}/release", expected: HttpStatusCode.PreconditionFailed, etag: "W/" + etag);

        var page = await bob.GetObjectAsync($"/api/tasks/{taskId}/history?pageSize=1&page=2");
        Assert.Single(page["items"]!.AsArray());
        Assert.Equal("claim", page["items"]![0]!["action"]!.GetValue<string>());
        Assert.Equal(2, page["totalCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task InvalidFormSchema_IsRejectedAtPublish()
    {
        var dave = await _server.ClientAsync("dave");
        var model = Fixtures.Load(Fixtures.SingleReview);
        model["definitionId"] = "bad-form-schema";
        var review = model["root"]!["activities"]!.AsArray().Single(activity => activity!["id"]!.GetValue<string>() == "review")!;
        review["formSchema"] = new JsonObject
        {
            ["typeName"] = "Object",
            ["expression"] = new JsonObject { ["type"] = "Object", ["value"] = """{"type": "wibble"}""" },
        };

        var response = await dave.PostObjectAsync("/api/workflow-definitions", new { model, publish = true }, HttpStatusCode.BadRequest);
        Assert.Contains("formSchema", response.ToJsonString());
    }
}
