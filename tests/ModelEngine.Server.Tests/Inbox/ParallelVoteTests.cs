using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ModelEngine.Server.Tests.Infrastructure;
using ModelEngine.Workflows.Persistence;

namespace ModelEngine.Server.Tests.Inbox;

/// <summary>Multi-approver votes through the task API on the real SQLite store.</summary>
public sealed class ParallelVoteTests : IClassFixture<InboxServer>
{
    private static readonly string[] Approvers = ["bob", "erin", "frank", "gina"];

    private readonly InboxServer _server;

    public ParallelVoteTests(InboxServer server)
    {
        _server = server;
    }

    [Fact]
    public async Task TwoOfFour_SimultaneousApprovals_DecideOnce()
    {
        var definitionId = await _server.PublishAsync(new JsonObject
        {
            ["approvalPolicy"] = new JsonObject { ["kind"] = "Parallel", ["approvers"] = new JsonArray(Approvers.Select(name => (JsonNode)name).ToArray()), ["required"] = 2 },
            ["reminder"] = new JsonObject { ["every"] = "PT1H", ["times"] = 3 },
            ["completionDeadline"] = new JsonObject { ["after"] = "P1D", ["action"] = "Notify", ["target"] = "group:managers" },
        });
        var clients = new Dictionary<string, HttpClient>();
        foreach (var name in Approvers)
        {
            clients[name] = await _server.ClientAsync(name);
        }

        var dave = await _server.ClientAsync("dave");
        for (var run = 0; run < StressCounts.ServerRaceRuns; run++)
        {
            await RunVoteAsync(definitionId, dave, clients, run);
        }
    }

    private async Task RunVoteAsync(string definitionId, HttpClient initiator, Dictionary<string, HttpClient> clients, int run)
    {
        var instanceId = await Instances.DispatchAsync(initiator, definitionId, new { amount = 120 });
        var tasks = new Dictionary<string, string>();
        foreach (var name in Approvers)
        {
            var task = await Instances.WaitForTaskAsync(clients[name], instanceId);
            Assert.Equal(name, task["assignee"]?.GetValue<string>());
            tasks[name] = task["id"]!.GetValue<string>();
        }

        // Bob and erin complete at the same moment; the instance's lease orders the two commits.
        await Task.WhenAll(
            InboxServer.PostAsync(clients["bob"], $"/api/tasks/{tasks["bob"]}/complete", new { outcome = "Approve" }),
            InboxServer.PostAsync(clients["erin"], $"/api/tasks/{tasks["erin"]}/complete", new { outcome = "Approve" }));

        var finished = await Instances.WaitForSubStatusAsync(initiator, instanceId, "Finished");
        Assert.Equal("Finished", finished["subStatus"]?.GetValue<string>());
        var journal = await initiator.GetObjectAsync($"/api/workflow-instances/{instanceId}/journal?pageSize=1000");
        var decided = journal["items"]!.AsArray().Count(entry => entry?["eventName"]?.GetValue<string>() == "ActivityCompleted" && entry?["activityId"]?.GetValue<string>() == "review");
        Assert.True(decided == 1, $"Run {run}: the review activity of instance {instanceId} completed {decided} times.");

        var admin = await _server.ClientAsync("admin");
        var completions = 0;
        var obsolete = 0;
        foreach (var (name, taskId) in tasks)
        {
            var task = await admin.GetObjectAsync($"/api/tasks/{taskId}");
            var actions = InboxServer.Actions(await InboxServer.HistoryAsync(admin, taskId));
            var status = task["status"]?.GetValue<string>();
            if (name is "bob" or "erin")
            {
                Assert.True(status == "Completed", $"Run {run}: {name}'s task {taskId} is {status}.");
                completions += actions.Count(action => action == "complete");
            }
            else
            {
                Assert.True(status == "Obsolete", $"Run {run}: {name}'s task {taskId} is {status}.");
                obsolete += actions.Count(action => action == "obsolete");
            }
        }

        Assert.Equal(2, completions);
        Assert.Equal(2, obsolete);

        // No bookmark or timer row of the vote remains.
        var timers = await _server.Factory.Services.GetRequiredService<IDurableTimerStore>().ListDueAsync(DateTimeOffset.UtcNow.AddDays(30), 100_000).WaitAsync(Timeouts.Request);
        Assert.DoesNotContain(timers, timer => timer.WorkflowInstanceId == instanceId);
        var bookmarks = await _server.Factory.Services.GetRequiredService<IWorkflowInstanceStore>().ListBookmarksAsync("ModelEngine.UserTask", instanceId).WaitAsync(Timeouts.Request);
        Assert.Empty(bookmarks);
    }
}
