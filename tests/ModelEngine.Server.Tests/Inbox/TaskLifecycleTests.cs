using System.Net;
using System.Text.Json.Nodes;
using ModelEngine.Server.Tests.Infrastructure;

namespace ModelEngine.Server.Tests.Inbox;

/// <summary>The lifecycle rules over HTTP: ETags, conflicts, reassignment, four-eyes exclusions and forms.</summary>
public sealed class TaskLifecycleTests : IClassFixture<InboxServer>
{
    private readonly InboxServer _server;

    public TaskLifecycleTests(InboxServer server)
    {
        _server = server;
    }

    [Fact]
    public async Task StaleETagAndWrongState_Get412And409()
    {
        var alice = await _server.ClientAsync("alice");
        var bob = await _server.ClientAsync("bob");
        var erin = await _server.ClientAsync("erin");
        var definitionId = await _server.PublishAsync(new JsonObject { ["candidateGroups"] = new JsonArray("managers") });
        var (_, task) = await _server.StartAsync(definitionId, alice, bob);
        var taskId = task["id"]!.GetValue<string>();
        var etag = task["etag"]!.GetValue<string>();

        // Completing a Ready task that no one claimed is in the wrong state.
        await InboxServer.PostAsync(bob, $"/api/tasks/{taskId}/complete", new { outcome = "Approve" }, HttpStatusCode.Conflict);

        var claimed = await InboxServer.PostAsync(bob, $"/api/tasks/{taskId}/claim", etag: etag);
        Assert.Equal("Reserved", claimed["status"]!.GetValue<string>());

        // The ETag bob read before the claim is stale now.
        await InboxServer.PostAsync(bob, $"/api/tasks/{taskId}/complete", new { outcome = "Approve" }, HttpStatusCode.PreconditionFailed, etag);

        // erin cannot claim a task bob holds.
        var conflict = await InboxServer.PostAsync(erin, $"/api/tasks/{taskId}/claim", expected: HttpStatusCode.Conflict);
        Assert.Contains("bob", conflict["detail"]!.GetValue<string>());

        var completed = await InboxServer.PostAsync(bob, $"/api/tasks/{taskId}/complete", new { outcome = "Approve" }, etag: claimed["etag"]!.GetValue<string>());
        Assert.Equal("Completed", completed["status"]!.GetValue<string>());

        // A finished task conflicts with every change.
        await InboxServer.PostAsync(bob, $"/api/tasks/{taskId}/complete", new { outcome = "Approve" }, HttpStatusCode.Conflict);
        await InboxServer.PostAsync(bob, $"/api/tasks/{taskId}/release", expected: HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task ReassignedTask_FormerHolderCompletion_Gets403()
    {
        var alice = await _server.ClientAsync("alice");
        var bob = await _server.ClientAsync("bob");
        var admin = await _server.ClientAsync("admin");
        var definitionId = await _server.PublishAsync(new JsonObject { ["candidateGroups"] = new JsonArray("managers") });
        var (_, task) = await _server.StartAsync(definitionId, alice, bob);
        var taskId = task["id"]!.GetValue<string>();

        // bob claims and loads the task; then an admin gives it to erin.
        await InboxServer.PostAsync(bob, $"/api/tasks/{taskId}/claim");
        var loaded = await bob.GetObjectAsync($"/api/tasks/{taskId}");
        await InboxServer.PostAsync(admin, $"/api/tasks/{taskId}/reassign", new { assignee = "erin" });

        var forbidden = await InboxServer.PostAsync(bob, $"/api/tasks/{taskId}/complete", new { outcome = "Approve" }, HttpStatusCode.Forbidden,
            loaded["etag"]!.GetValue<string>());
        Assert.Contains("erin", forbidden["detail"]!.GetValue<string>());

        var after = await bob.GetObjectAsync($"/api/tasks/{taskId}");
        Assert.Equal("Reserved", after["status"]!.GetValue<string>());
        Assert.Equal("erin", after["assignee"]!.GetValue<string>());
        var history = await InboxServer.HistoryAsync(admin, taskId);
        Assert.Equal(["create", "claim", "reassign"], InboxServer.Actions(history));
        Assert.DoesNotContain(history, entry => entry!["action"]!.GetValue<string>() == "complete");
        Assert.Equal("admin", history[2]!["actor"]!.GetValue<string>());
        Assert.Equal("Reserved", history[2]!["statusBefore"]!.GetValue<string>());
        Assert.Equal("erin", history[2]!["details"]!["assignee"]!.GetValue<string>());
    }

    [Fact]
    public async Task ExcludedInitiator_Gets403_TaskUnchanged()
    {
        var gina = await _server.ClientAsync("gina");
        var admin = await _server.ClientAsync("admin");
        var definitionId = await _server.PublishAsync(new JsonObject
        {
            ["candidateGroups"] = new JsonArray("managers"),
            ["excludeInitiator"] = true,
        });

        // gina starts the request and, as a manager, can see the task she may not decide.
        var (_, task) = await _server.StartAsync(definitionId, gina, gina);
        var taskId = task["id"]!.GetValue<string>();
        var before = await gina.GetObjectAsync($"/api/tasks/{taskId}");

        await InboxServer.PostAsync(gina, $"/api/tasks/{taskId}/claim", expected: HttpStatusCode.Forbidden);
        await InboxServer.PostAsync(gina, $"/api/tasks/{taskId}/start", expected: HttpStatusCode.Forbidden);
        await InboxServer.PostAsync(gina, $"/api/tasks/{taskId}/complete", new { outcome = "Approve" }, HttpStatusCode.Forbidden);

        // Even as holder of a task an admin gave her, she cannot complete it or delegate it to herself.
        await InboxServer.PostAsync(admin, $"/api/tasks/{taskId}/claim", new { onBehalfOf = "bob" });
        await InboxServer.PostAsync(admin, $"/api/tasks/{taskId}/delegate", new { to = "gina" }, HttpStatusCode.Forbidden);
        var held = await admin.GetObjectAsync($"/api/tasks/{taskId}");
        await InboxServer.PostAsync(admin, $"/api/tasks/{taskId}/complete", new { outcome = "Approve", onBehalfOf = "gina" }, HttpStatusCode.Forbidden);

        var after = await admin.GetObjectAsync($"/api/tasks/{taskId}");
        Assert.Equal(held["etag"]!.GetValue<string>(), after["etag"]!.GetValue<string>());
        Assert.Equal("bob", after["assignee"]!.GetValue<string>());
        Assert.Contains("gina", after["excludedUsers"]!.AsArray().Select(user => user!.GetValue<string>()));
        Assert.Equal(["create", "claim"], InboxServer.Actions(await InboxServer.HistoryAsync(admin, taskId)));
        Assert.Equal("Ready", before["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task FormViolation_Gets400WithPath_TaskStaysOpen()
    {
        var alice = await _server.ClientAsync("alice");
        var bob = await _server.ClientAsync("bob");
        var schema = JsonNode.Parse("""
            {
              "type": "object",
              "required": ["amount"],
              "properties": { "amount": { "type": "number", "minimum": 0 }, "note": { "type": "string" } }
            }
            """)!;
        var definitionId = await _server.PublishAsync(new JsonObject
        {
            ["candidateGroups"] = new JsonArray("managers"),
            ["formSchema"] = schema,
        });
        var (_, task) = await _server.StartAsync(definitionId, alice, bob);
        var taskId = task["id"]!.GetValue<string>();
        await InboxServer.PostAsync(bob, $"/api/tasks/{taskId}/claim");

        var problem = await InboxServer.PostAsync(bob, $"/api/tasks/{taskId}/complete",
            new { outcome = "Approve", data = new { amount = -5 } }, HttpStatusCode.BadRequest);
        Assert.Equal("data/amount", problem["parameter"]!.GetValue<string>());
        Assert.Contains("/amount", problem["detail"]!.GetValue<string>());
        Assert.Equal("/amount", problem["errors"]![0]!["path"]!.GetValue<string>());

        var missing = await InboxServer.PostAsync(bob, $"/api/tasks/{taskId}/complete", new { outcome = "Approve", data = new { note = "ok" } }, HttpStatusCode.BadRequest);
        Assert.Contains("amount", missing["detail"]!.GetValue<string>());

        var open = await bob.GetObjectAsync($"/api/tasks/{taskId}");
        Assert.Equal("Reserved", open["status"]!.GetValue<string>());
        var form = await bob.GetObjectAsync($"/api/tasks/{taskId}/form");
        Assert.Equal("object", form["schema"]!["type"]!.GetValue<string>());

        var completed = await InboxServer.PostAsync(bob, $"/api/tasks/{taskId}/complete", new { outcome = "Approve", data = new { amount = 5 } });
        Assert.Equal("Completed", completed["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task ConcurrentClaims_OneWins_OtherGets409()
    {
        var alice = await _server.ClientAsync("alice");
        var bob = await _server.ClientAsync("bob");
        var erin = await _server.ClientAsync("erin");
        var definitionId = await _server.PublishAsync(new JsonObject { ["candidateGroups"] = new JsonArray("managers") });

        for (var run = 0; run < StressCounts.RaceRepeats; run++)
        {
            var (_, task) = await _server.StartAsync(definitionId, alice, bob);
            var taskId = task["id"]!.GetValue<string>();
            var claims = await Task.WhenAll(
                bob.PostAsync($"/api/tasks/{taskId}/claim", null),
                erin.PostAsync($"/api/tasks/{taskId}/claim", null)).WaitAsync(Timeouts.Request);

            var statuses = claims.Select(response => response.StatusCode).Order().ToList();
            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], statuses);
            var history = await InboxServer.HistoryAsync(bob, taskId);
            Assert.Equal(["create", "claim"], InboxServer.Actions(history));
            var holder = (await bob.GetObjectAsync($"/api/tasks/{taskId}"))["assignee"]!.GetValue<string>();
            Assert.Equal(history[1]!["actor"]!.GetValue<string>(), holder);
        }
    }

    [Fact]
    public async Task ForceClaim_AdminTakesOver_OthersGet403()
    {
        var alice = await _server.ClientAsync("alice");
        var bob = await _server.ClientAsync("bob");
        var erin = await _server.ClientAsync("erin");
        var admin = await _server.ClientAsync("admin");
        var definitionId = await _server.PublishAsync(new JsonObject { ["candidateGroups"] = new JsonArray("managers") });
        var (_, task) = await _server.StartAsync(definitionId, alice, bob);
        var taskId = task["id"]!.GetValue<string>();
        await InboxServer.PostAsync(bob, $"/api/tasks/{taskId}/claim");

        await InboxServer.PostAsync(erin, $"/api/tasks/{taskId}/claim?force=true", expected: HttpStatusCode.Forbidden);
        await InboxServer.PostAsync(admin, $"/api/tasks/{taskId}/claim", expected: HttpStatusCode.Conflict);
        var taken = await InboxServer.PostAsync(admin, $"/api/tasks/{taskId}/claim?force=true");
        Assert.Equal("admin", taken["assignee"]!.GetValue<string>());

        var history = await InboxServer.HistoryAsync(admin, taskId);
        Assert.Equal("bob", history[^1]!["details"]!["previousAssignee"]!.GetValue<string>());
    }

    [Fact]
    public async Task OnBehalfOf_NonAdmin_Gets403_AdminRecordsBothNames()
    {
        var alice = await _server.ClientAsync("alice");
        var bob = await _server.ClientAsync("bob");
        var admin = await _server.ClientAsync("admin");
        var definitionId = await _server.PublishAsync(new JsonObject { ["candidateGroups"] = new JsonArray("managers") });
        var (_, task) = await _server.StartAsync(definitionId, alice, bob);
        var taskId = task["id"]!.GetValue<string>();

        await InboxServer.PostAsync(bob, $"/api/tasks/{taskId}/claim", new { onBehalfOf = "erin" }, HttpStatusCode.Forbidden);
        var claimed = await InboxServer.PostAsync(admin, $"/api/tasks/{taskId}/claim", new { onBehalfOf = "erin" });
        Assert.Equal("erin", claimed["assignee"]!.GetValue<string>());
        var completed = await InboxServer.PostAsync(admin, $"/api/tasks/{taskId}/complete", new { outcome = "Reject", onBehalfOf = "erin" });
        Assert.Equal("erin", completed["completedBy"]!.GetValue<string>());

        var history = await InboxServer.HistoryAsync(admin, taskId);
        var completion = history.Single(entry => entry!["action"]!.GetValue<string>() == "complete")!;
        Assert.Equal("admin", completion["actor"]!.GetValue<string>());
        Assert.Equal("erin", completion["onBehalfOf"]!.GetValue<string>());
        Assert.Equal("Completed", completion["statusAfter"]!.GetValue<string>());
    }
}
