using System.Net;
using System.Text.Json.Nodes;
using ModelEngine.Server.Tests.Infrastructure;

namespace ModelEngine.Server.Tests.Inbox;

/// <summary>The assignment and status operations over HTTP, each with its history entry.</summary>
public sealed class TaskOperationTests : IClassFixture<InboxServer>
{
    private readonly InboxServer _server;

    public TaskOperationTests(InboxServer server)
    {
        _server = server;
    }

    [Fact]
    public async Task DelegateAndResolve_ReturnsTaskToOwner()
    {
        var (bob, taskId) = await ClaimedByBobAsync();
        var carol = await _server.ClientAsync("carol");

        var delegated = await InboxServer.PostAsync(bob, $"/api/tasks/{taskId}/delegate", new { to = "carol" });
        Assert.Equal("carol", delegated["assignee"]!.GetValue<string>());
        Assert.Equal("bob", delegated["owner"]!.GetValue<string>());
        Assert.Equal("Pending", delegated["delegationState"]!.GetValue<string>());

        // The delegate can see the task, cannot complete it and hands it back with a note.
        await InboxServer.PostAsync(carol, $"/api/tasks/{taskId}/complete", new { outcome = "Approve" }, HttpStatusCode.Conflict);
        var resolved = await InboxServer.PostAsync(carol, $"/api/tasks/{taskId}/resolve", new { comment = "Numbers check out", data = new { checkedBy = "carol" } });
        Assert.Equal("bob", resolved["assignee"]!.GetValue<string>());
        Assert.Equal("Resolved", resolved["delegationState"]!.GetValue<string>());
        Assert.True(resolved["hasDraft"]!.GetValue<bool>());
        await InboxServer.PostAsync(carol, $"/api/tasks/{taskId}/resolve", expected: HttpStatusCode.NotFound);

        var comments = await bob.GetObjectAsync($"/api/tasks/{taskId}/comments");
        Assert.Equal("Numbers check out", comments["items"]![0]!["text"]!.GetValue<string>());
        await InboxServer.PostAsync(bob, $"/api/tasks/{taskId}/complete", new { outcome = "Approve" });
        Assert.Equal(["create", "claim", "delegate", "resolve", "complete"], InboxServer.Actions(await InboxServer.HistoryAsync(bob, taskId)));
    }

    [Fact]
    public async Task ForwardReleaseAndStart_MoveStatus()
    {
        var (bob, taskId) = await ClaimedByBobAsync();
        var carol = await _server.ClientAsync("carol");
        var erin = await _server.ClientAsync("erin");

        var released = await InboxServer.PostAsync(bob, $"/api/tasks/{taskId}/release");
        Assert.Equal("Ready", released["status"]!.GetValue<string>());
        Assert.Null(released["assignee"]);

        var started = await InboxServer.PostAsync(erin, $"/api/tasks/{taskId}/start");
        Assert.Equal("InProgress", started["status"]!.GetValue<string>());
        Assert.Equal("erin", started["assignee"]!.GetValue<string>());
        var stopped = await InboxServer.PostAsync(erin, $"/api/tasks/{taskId}/stop");
        Assert.Equal("Reserved", stopped["status"]!.GetValue<string>());
        await InboxServer.PostAsync(erin, $"/api/tasks/{taskId}/stop", expected: HttpStatusCode.Conflict);

        // A candidate who does not hold the task may only claim it.
        await InboxServer.PostAsync(bob, $"/api/tasks/{taskId}/release", expected: HttpStatusCode.Forbidden);

        var forwarded = await InboxServer.PostAsync(erin, $"/api/tasks/{taskId}/forward", new { candidateGroups = new[] { "finance" } });
        Assert.Equal("Ready", forwarded["status"]!.GetValue<string>());
        Assert.Equal(["finance"], forwarded["candidateGroups"]!.AsArray().Select(group => group!.GetValue<string>()));

        // bob is no longer a candidate, so the task is hidden from him; carol in finance can see it.
        await bob.GetObjectAsync($"/api/tasks/{taskId}", HttpStatusCode.NotFound);
        await InboxServer.PostAsync(carol, $"/api/tasks/{taskId}/claim");
        await InboxServer.PostAsync(erin, $"/api/tasks/{taskId}/forward", new { candidateUsers = Array.Empty<string>() }, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task SuspendAndResume_RestoreStatus()
    {
        var (bob, taskId) = await ClaimedByBobAsync();
        await InboxServer.PostAsync(bob, $"/api/tasks/{taskId}/start");

        var suspended = await InboxServer.PostAsync(bob, $"/api/tasks/{taskId}/suspend");
        Assert.Equal("Suspended", suspended["status"]!.GetValue<string>());
        var problem = await InboxServer.PostAsync(bob, $"/api/tasks/{taskId}/complete", new { outcome = "Approve" }, HttpStatusCode.Conflict);
        Assert.Contains("resume", problem["detail"]!.GetValue<string>());

        var resumed = await InboxServer.PostAsync(bob, $"/api/tasks/{taskId}/resume");
        Assert.Equal("InProgress", resumed["status"]!.GetValue<string>());
        await InboxServer.PostAsync(bob, $"/api/tasks/{taskId}/resume", expected: HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Fail_FaultsInstanceWithReason()
    {
        var (bob, taskId) = await ClaimedByBobAsync();
        var task = await bob.GetObjectAsync($"/api/tasks/{taskId}");
        var instanceId = task["workflowInstanceId"]!.GetValue<string>();

        var failed = await InboxServer.PostAsync(bob, $"/api/tasks/{taskId}/fail", new { reason = "The supplier no longer exists" });
        Assert.Equal("Failed", failed["status"]!.GetValue<string>());

        var alice = await _server.ClientAsync("alice");
        var faulted = await Instances.WaitForSubStatusAsync(alice, instanceId, "Faulted");
        Assert.Contains("The supplier no longer exists", faulted.ToJsonString());
        Assert.Equal(["create", "claim", "fail"], InboxServer.Actions(await InboxServer.HistoryAsync(bob, taskId)));
    }

    [Fact]
    public async Task Skip_LeavesThroughSkippedPort()
    {
        var alice = await _server.ClientAsync("alice");
        var bob = await _server.ClientAsync("bob");
        var definitionId = await _server.PublishAsync(new JsonObject
        {
            ["candidateGroups"] = new JsonArray("managers"),
            ["skippable"] = true,
        });
        var (instanceId, task) = await _server.StartAsync(definitionId, alice, bob);
        var taskId = task["id"]!.GetValue<string>();
        Assert.True(task["skippable"]!.GetValue<bool>());

        var skipped = await InboxServer.PostAsync(bob, $"/api/tasks/{taskId}/skip");
        Assert.Equal("Obsolete", skipped["status"]!.GetValue<string>());
        Assert.Equal("Skipped", skipped["outcome"]!.GetValue<string>());

        await Instances.WaitForSubStatusAsync(alice, instanceId, "Finished");
        var journal = await alice.GetObjectAsync($"/api/workflow-instances/{instanceId}/journal?pageSize=1000");
        var completed = journal["items"]!.AsArray().Single(entry => entry?["eventName"]?.GetValue<string>() == "ActivityCompleted" && entry?["activityId"]?.GetValue<string>() == "review")!;
        Assert.Contains("Skipped", completed.ToJsonString());
        await InboxServer.PostAsync(bob, $"/api/tasks/{taskId}/skip", expected: HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Validation_NamesField()
    {
        var (bob, taskId) = await ClaimedByBobAsync();

        var noTarget = await InboxServer.PostAsync(bob, $"/api/tasks/{taskId}/delegate", new { }, HttpStatusCode.BadRequest);
        Assert.Equal("to", noTarget["parameter"]!.GetValue<string>());
        var noCandidates = await InboxServer.PostAsync(bob, $"/api/tasks/{taskId}/forward", new { }, HttpStatusCode.BadRequest);
        Assert.Equal("candidateUsers", noCandidates["parameter"]!.GetValue<string>());
        var badOutcome = await InboxServer.PostAsync(bob, $"/api/tasks/{taskId}/complete", new { outcome = "Maybe" }, HttpStatusCode.BadRequest);
        Assert.Equal("Maybe", badOutcome["value"]!.GetValue<string>());
        var noReason = await InboxServer.PostAsync(bob, $"/api/tasks/{taskId}/fail", new { }, HttpStatusCode.BadRequest);
        Assert.Equal("reason", noReason["parameter"]!.GetValue<string>());
        var notSkippable = await InboxServer.PostAsync(bob, $"/api/tasks/{taskId}/skip", expected: HttpStatusCode.Conflict);
        Assert.Contains("skippable", notSkippable["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Bulk_ReportsEachTask()
    {
        var (bob, first) = await ClaimedByBobAsync();
        var (_, second) = await ClaimedByBobAsync();
        var alice = await _server.ClientAsync("alice");
        var definitionId = await _server.PublishAsync(new JsonObject { ["candidateGroups"] = new JsonArray("managers") });
        var (_, ready) = await _server.StartAsync(definitionId, alice, bob);
        var readyId = ready["id"]!.GetValue<string>();

        var admin = await _server.ClientAsync("admin");
        var reassigned = await InboxServer.PostAsync(admin, "/api/tasks/bulk/reassign",
            new { tasks = new[] { new { id = first }, new { id = "missing" } }, assignee = "erin" });
        Assert.Equal(1, reassigned["succeeded"]!.GetValue<int>());
        Assert.Equal(404, reassigned["results"]![1]!["status"]!.GetValue<int>());

        var claimed = await InboxServer.PostAsync(bob, "/api/tasks/bulk/claim", new { tasks = new[] { new { id = readyId, etag = "\"99\"" } } });
        Assert.Equal(412, claimed["results"]![0]!["status"]!.GetValue<int>());
        claimed = await InboxServer.PostAsync(bob, "/api/tasks/bulk/claim", new { tasks = new[] { new { id = readyId } } });
        Assert.Equal("Reserved", claimed["results"]![0]!["task"]!["status"]!.GetValue<string>());

        var completed = await InboxServer.PostAsync(bob, "/api/tasks/bulk/complete",
            new { tasks = new[] { new { id = second }, new { id = readyId }, new { id = first } }, outcome = "Approve" });
        Assert.Equal(2, completed["succeeded"]!.GetValue<int>());
        Assert.Equal([200, 200, 403], completed["results"]!.AsArray().Select(result => result!["status"]!.GetValue<int>()));

        var tooMany = Enumerable.Range(0, 101).Select(index => new { id = $"t{index}" }).ToArray();
        var problem = await InboxServer.PostAsync(bob, "/api/tasks/bulk/claim", new { tasks = tooMany }, HttpStatusCode.BadRequest);
        Assert.Equal("tasks", problem["parameter"]!.GetValue<string>());
    }

    private async Task<(HttpClient Bob, string TaskId)> ClaimedByBobAsync()
    {
        var alice = await _server.ClientAsync("alice");
        var bob = await _server.ClientAsync("bob");
        var definitionId = await _server.PublishAsync(new JsonObject { ["candidateGroups"] = new JsonArray("managers") });
        var (_, task) = await _server.StartAsync(definitionId, alice, bob);
        var taskId = task["id"]!.GetValue<string>();
        await InboxServer.PostAsync(bob, $"/api/tasks/{taskId}/claim");
        return (bob, taskId);
    }
}
