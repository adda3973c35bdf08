using Microsoft.Extensions.DependencyInjection;
using ModelEngine.Server.Scheduling;
using ModelEngine.Server.Tests.Infrastructure;
using ModelEngine.Workflows.Persistence;

namespace ModelEngine.Server.Tests;

/// <summary>Drives the timer jobs directly, with Hangfire off, against the real SQLite store.</summary>
public sealed class TimerJobTests : IClassFixture<ServerFactory>
{
    private readonly ServerFactory _factory;

    public TimerJobTests(ServerFactory factory)
    {
        _factory = factory;
    }

    [Fact]
    public async Task Fire_DueTimer_ResumesOnce()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        await Fixtures.PublishAsync(dave, Fixtures.LoadAs(Fixtures.DelayedGreeting, "timer-fire"));
        var instanceId = await Instances.DispatchAsync(dave, "timer-fire", new { });
        await Instances.WaitForSubStatusAsync(dave, instanceId, "Suspended");
        var timer = await FindTimerAsync(instanceId);

        using var scope = _factory.Services.CreateScope();
        var job = scope.ServiceProvider.GetRequiredService<DurableTimerJob>();
        var fired = await job.FireAsync(timer.Id, timer.WorkflowInstanceId, timer.BookmarkId, CancellationToken.None).WaitAsync(Timeouts.Request);
        var firedAgain = await job.FireAsync(timer.Id, timer.WorkflowInstanceId, timer.BookmarkId, CancellationToken.None).WaitAsync(Timeouts.Request);

        Assert.True(fired, $"The first FireAsync of timer {timer.Id} did not resume the bookmark.");
        Assert.False(firedAgain, $"The second FireAsync of timer {timer.Id} fired again.");
        var finished = await Instances.WaitForSubStatusAsync(dave, instanceId, "Finished");
        Assert.Equal("hello after the delay", finished["output"]?["greeting"]?.GetValue<string>());
    }

    [Fact]
    public async Task Fire_ConsumedBookmark_IsNoOp()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        await Fixtures.PublishAsync(dave, Fixtures.LoadAs(Fixtures.DelayedGreeting, "timer-cancelled"));
        var instanceId = await Instances.DispatchAsync(dave, "timer-cancelled", new { });
        await Instances.WaitForSubStatusAsync(dave, instanceId, "Suspended");
        var timer = await FindTimerAsync(instanceId);
        var admin = await _factory.CreateClientForAsync("admin");
        await admin.PostObjectAsync($"/api/workflow-instances/{instanceId}/cancel", null);

        using var scope = _factory.Services.CreateScope();
        var job = scope.ServiceProvider.GetRequiredService<DurableTimerJob>();
        var fired = await job.FireAsync(timer.Id, timer.WorkflowInstanceId, timer.BookmarkId, CancellationToken.None).WaitAsync(Timeouts.Request);

        Assert.False(fired, $"Timer {timer.Id} fired after its instance was cancelled.");
        var instance = await dave.GetObjectAsync($"/api/workflow-instances/{instanceId}");
        Assert.Equal("Cancelled", instance["subStatus"]?.GetValue<string>());
    }

    [Fact]
    public async Task Sweep_FindsPendingTimer()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        await Fixtures.PublishAsync(dave, Fixtures.LoadAs(Fixtures.DelayedGreeting, "timer-sweep"));
        var instanceId = await Instances.DispatchAsync(dave, "timer-sweep", new { });
        await Instances.WaitForSubStatusAsync(dave, instanceId, "Suspended");

        using var scope = _factory.Services.CreateScope();
        var sweep = scope.ServiceProvider.GetRequiredService<TimerSweepJob>();
        var count = await sweep.SweepAsync(CancellationToken.None).WaitAsync(Timeouts.Request);

        Assert.True(count >= 1, $"The sweep scheduled {count} timers; the timer of instance {instanceId} is due within a minute.");
    }

    [Fact]
    public async Task DueTimer_OpenTask_MarksOverdue()
    {
        var (bob, instanceId, taskId) = await StartTaskWithDueDateAsync("timer-task-due");
        var timer = await FindTimerAsync(instanceId);

        using var scope = _factory.Services.CreateScope();
        var job = scope.ServiceProvider.GetRequiredService<DurableTimerJob>();
        var fired = await job.FireAsync(timer.Id, timer.WorkflowInstanceId, timer.BookmarkId, CancellationToken.None).WaitAsync(Timeouts.Request);

        Assert.True(fired, $"The due-date timer {timer.Id} of task {taskId} did not fire.");
        var task = await Eventually.WaitAsync(
            () => bob.GetObjectAsync($"/api/tasks/{taskId}"),
            body => body["overdueAt"] is not null,
            $"task {taskId} to be marked overdue");
        Assert.Equal("Ready", task["status"]?.GetValue<string>());
        var instance = await Instances.WaitForSubStatusAsync(bob, instanceId, "Suspended");
        Assert.Equal("Suspended", instance["subStatus"]?.GetValue<string>());
        var journal = await bob.GetObjectAsync($"/api/workflow-instances/{instanceId}/journal?pageSize=1000");
        Assert.Single(journal["items"]!.AsArray(), entry => entry?["eventName"]?.GetValue<string>() == "TaskOverdue");

        // The task stays open: bob can still decide it.
        await bob.PostObjectAsync($"/api/tasks/{taskId}/claim", null);
        await bob.PostObjectAsync($"/api/tasks/{taskId}/complete", new { outcome = "Approve" });
        await Instances.WaitForSubStatusAsync(bob, instanceId, "Finished");
    }

    [Fact]
    public async Task DueTimer_CompletedTask_NeverFires()
    {
        var (bob, instanceId, taskId) = await StartTaskWithDueDateAsync("timer-task-done");
        var timer = await FindTimerAsync(instanceId);

        await bob.PostObjectAsync($"/api/tasks/{taskId}/claim", null);
        await bob.PostObjectAsync($"/api/tasks/{taskId}/complete", new { outcome = "Approve" });
        var store = _factory.Services.GetRequiredService<IDurableTimerStore>();
        var remaining = await store.ListDueAsync(DateTimeOffset.UtcNow.AddHours(2), 1000).WaitAsync(Timeouts.Request);

        using var scope = _factory.Services.CreateScope();
        var job = scope.ServiceProvider.GetRequiredService<DurableTimerJob>();
        var fired = await job.FireAsync(timer.Id, timer.WorkflowInstanceId, timer.BookmarkId, CancellationToken.None).WaitAsync(Timeouts.Request);

        Assert.DoesNotContain(remaining, row => row.Id == timer.Id);
        Assert.False(fired, $"The due-date timer {timer.Id} fired after task {taskId} was completed.");
        await Instances.WaitForSubStatusAsync(bob, instanceId, "Finished");
        var task = await bob.GetObjectAsync($"/api/tasks/{taskId}");
        Assert.Null(task["overdueAt"]);
        var journal = await bob.GetObjectAsync($"/api/workflow-instances/{instanceId}/journal?pageSize=1000");
        Assert.DoesNotContain(journal["items"]!.AsArray(), entry => entry?["eventName"]?.GetValue<string>() == "TaskOverdue");
    }

    /// <summary>Starts the capex review with a one-hour due date on its task and returns bob's client and the ids.</summary>
    private async Task<(HttpClient Bob, string InstanceId, string TaskId)> StartTaskWithDueDateAsync(string definitionId)
    {
        var dave = await _factory.CreateClientForAsync("dave");
        var bob = await _factory.CreateClientForAsync("bob");
        var model = Fixtures.LoadAs(Fixtures.CapexReview, definitionId);
        var userTask = model["root"]!["activities"]!.AsArray().Single(activity => activity?["type"]?.GetValue<string>() == "ModelEngine.UserTask")!;
        userTask["dueIn"] = new System.Text.Json.Nodes.JsonObject
        {
            ["typeName"] = "TimeSpan",
            ["expression"] = new System.Text.Json.Nodes.JsonObject { ["type"] = "Literal", ["value"] = "01:00:00" },
        };
        await Fixtures.PublishAsync(dave, model);
        var instanceId = await Instances.DispatchAsync(dave, definitionId, new { amount = 25_000, item = "Forklift" });
        var task = await Instances.WaitForTaskAsync(bob, instanceId);
        Assert.NotNull(task["dueAt"]);
        return (bob, instanceId, task["id"]!.GetValue<string>());
    }

    private async Task<DurableTimer> FindTimerAsync(string instanceId)
    {
        var store = _factory.Services.GetRequiredService<IDurableTimerStore>();
        return await Eventually.WaitAsync(
            async () => (await store.ListDueAsync(DateTimeOffset.UtcNow.AddHours(1), 1000)).FirstOrDefault(timer => timer.WorkflowInstanceId == instanceId),
            timer => timer is not null,
            $"the timer row of workflow instance {instanceId}") ?? throw new InvalidOperationException("unreachable");
    }
}
