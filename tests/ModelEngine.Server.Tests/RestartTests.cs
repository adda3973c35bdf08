using ModelEngine.Server.Tests.Infrastructure;

namespace ModelEngine.Server.Tests;

/// <summary>
/// Kills the real server process with SIGKILL and starts it again on the same SQLite file: a waiting instance and an
/// instance interrupted in the middle of a step both finish, once.
/// </summary>
public sealed class RestartTests : IDisposable
{
    // Jint counts every byte a script allocates against the memory limit, and a four-second busy loop that reads
    // the clock allocates more than the 64 MB default.
    private static readonly Dictionary<string, string> s_slowScriptSettings = new()
    {
        ["Scripting__JavaScript__MemoryLimitMegabytes"] = "4096",
    };

    private readonly string _folder = Directory.CreateTempSubdirectory("modelengine-restart-tests-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A killed process may leave the file locked for a moment; the temp folder is cleaned by the OS.
        }
    }

    [Fact]
    public async Task KillWhileWaiting_TaskCompletesAfterRestart()
    {
        var database = Path.Combine(_folder, "waiting.db");
        string instanceId;
        await using (var first = await ServerProcess.StartAsync(database))
        {
            var dave = await first.CreateClientForAsync("dave");
            var alice = await first.CreateClientForAsync("alice");
            var bob = await first.CreateClientForAsync("bob");
            await Fixtures.PublishAsync(dave, Fixtures.Load(Fixtures.PurchaseApproval));
            instanceId = await Instances.DispatchAsync(alice, "purchase-approval", new { amount = 4200, item = "Server rack" });
            await Instances.WaitForTaskAsync(bob, instanceId);

            await first.KillAsync();
        }

        await using var second = await ServerProcess.StartAsync(database);
        var bobAgain = await second.CreateClientForAsync("bob");
        var aliceAgain = await second.CreateClientForAsync("alice");
        var task = await Instances.WaitForTaskAsync(bobAgain, instanceId);
        await bobAgain.PostObjectAsync($"/api/tasks/{task["id"]}/claim", null);
        await bobAgain.PostObjectAsync($"/api/tasks/{task["id"]}/complete", new { outcome = "Approve" });

        var finished = await Instances.WaitForSubStatusAsync(aliceAgain, instanceId, "Finished");
        Assert.Equal("approved by bob", finished["output"]?["reason"]?.GetValue<string>());
    }

    [Fact]
    public async Task KillWhileItemsHeld_ReleaseAfterRestart()
    {
        var database = Path.Combine(_folder, "held-items.db");
        string instanceId;
        await using (var first = await ServerProcess.StartAsync(database))
        {
            var dave = await first.CreateClientForAsync("dave");
            var alice = await first.CreateClientForAsync("alice");
            var bob = await first.CreateClientForAsync("bob");
            await dave.PostObjectAsync("/api/workflow-definitions/import", Fixtures.Load(Fixtures.DocumentReview), System.Net.HttpStatusCode.Created);
            var documents = new[] { new { title = "Notes", text = "First.\n\nSecond." } };
            instanceId = await Instances.DispatchAsync(alice, "document-review", new { documents });
            await Instances.WaitForTaskAsync(bob, instanceId);

            await first.KillAsync();
        }

        await using var second = await ServerProcess.StartAsync(database);
        var bobAgain = await second.CreateClientForAsync("bob");
        var aliceAgain = await second.CreateClientForAsync("alice");
        var task = await Instances.WaitForTaskAsync(bobAgain, instanceId);
        Assert.Equal(2, task["data"]!["held"]!.AsArray().Count);
        await bobAgain.PostObjectAsync($"/api/tasks/{task["id"]}/claim", null);
        await bobAgain.PostObjectAsync($"/api/tasks/{task["id"]}/complete", new { outcome = "Release", data = new { release = "all" } });

        var finished = await Instances.WaitForSubStatusAsync(aliceAgain, instanceId, "Finished");
        Assert.Equal(["First.", "Second."], finished["output"]!["paragraphs"]!.AsArray().Select(paragraph => paragraph!["text"]!.GetValue<string>()));
    }

    [Fact]
    public async Task KillMidStep_ResumesAndFinishesOnce()
    {
        var database = Path.Combine(_folder, "mid-step.db");
        string instanceId;
        await using (var first = await ServerProcess.StartAsync(database, s_slowScriptSettings))
        {
            var dave = await first.CreateClientForAsync("dave");
            await Fixtures.PublishAsync(dave, Fixtures.Load(Fixtures.SlowScript));
            instanceId = await Instances.DispatchAsync(dave, "slow-script", new { });

            // The worker logs the id when it picks the instance up; the script then runs for about four seconds.
            await first.WaitForOutputAsync($"Running the pending work of workflow instance {instanceId}", $"a worker to pick up workflow instance {instanceId}");
            var running = await dave.GetObjectAsync($"/api/workflow-instances/{instanceId}");
            Assert.NotEqual("Finished", running["subStatus"]?.GetValue<string>());

            await first.KillAsync();
        }

        await using var second = await ServerProcess.StartAsync(database, s_slowScriptSettings);
        var daveAgain = await second.CreateClientForAsync("dave");
        var finished = await Instances.WaitForSubStatusAsync(daveAgain, instanceId, "Finished", TimeSpan.FromSeconds(60));
        Assert.True(finished["output"]?["done"]?.GetValue<bool>(), $"Output: {finished["output"]?.ToJsonString()}");

        var journal = await daveAgain.GetObjectAsync($"/api/workflow-instances/{instanceId}/journal?pageSize=1000");
        var entries = journal["items"]!.AsArray().Select(entry => entry!.AsObject()).ToList();
        Assert.Equal(1, entries.Count(entry => entry["eventName"]?.GetValue<string>() == "WorkflowFinished"));
        Assert.Equal(1, entries.Count(entry => entry.ToJsonString().Contains("slow-script-finished", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task KillBeforeTimerDue_TimerFiresAfterRestart()
    {
        var database = Path.Combine(_folder, "timer.db");
        var model = Fixtures.Load(Fixtures.DelayedGreeting);
        model["root"]!["activities"]![1]!["timeSpan"]!["expression"]!["value"] = "00:00:03";
        string instanceId;
        DateTimeOffset dueBy;
        await using (var first = await ServerProcess.StartAsync(database))
        {
            var dave = await first.CreateClientForAsync("dave");
            await Fixtures.PublishAsync(dave, model);
            instanceId = await Instances.DispatchAsync(dave, "delayed-greeting", new { });
            await Instances.WaitForSubStatusAsync(dave, instanceId, "Suspended");

            // The Delay started before the instance was seen Suspended, so its timer is due by then plus 3 s.
            dueBy = DateTimeOffset.UtcNow.AddSeconds(3);
            await first.KillAsync();
        }

        // The timer comes due while no node runs; the next start-up's sweep finds it overdue.
        await Eventually.WaitAsync(() => Task.FromResult(DateTimeOffset.UtcNow), now => now > dueBy, $"the timer of workflow instance {instanceId} to be overdue");
        await using var second = await ServerProcess.StartAsync(database);
        await second.WaitForOutputAsync("The start-up timer sweep scheduled 1 timers", "the start-up sweep to schedule the overdue timer");
        var daveAgain = await second.CreateClientForAsync("dave");
        var finished = await Instances.WaitForSubStatusAsync(daveAgain, instanceId, "Finished");
        Assert.Equal("hello after the delay", finished["output"]?["greeting"]?.GetValue<string>());
    }
}
