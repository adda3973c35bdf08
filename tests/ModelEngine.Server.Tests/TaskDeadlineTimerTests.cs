using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ModelEngine.HumanTasks.Inbox;
using ModelEngine.HumanTasks.Model;
using ModelEngine.Server.Scheduling;
using ModelEngine.Server.Tests.Infrastructure;
using ModelEngine.Workflows.Persistence;

namespace ModelEngine.Server.Tests;

/// <summary>
/// Task deadlines and reminders on the real SQLite store, with Hangfire off: the tests fire the timer rows through the
/// timer job, as Hangfire would once they are due.
/// </summary>
public sealed class TaskDeadlineTimerTests : IClassFixture<ServerFactory>
{
    /// <summary>Far enough ahead that every timer the tests write is due by then.</summary>
    private static readonly TimeSpan Horizon = TimeSpan.FromDays(30);

    private readonly ServerFactory _factory;

    public TaskDeadlineTimerTests(ServerFactory factory)
    {
        _factory = factory;
    }

    [Fact]
    public async Task Cancel_WithReminderAndDeadline_NeitherFires()
    {
        var (bob, instanceId, taskId) = await StartAsync(
            "deadline-cancel",
            ("reminder", """{"every": "PT1H", "times": 3}"""),
            ("completionDeadline", """{"after": "PT2H", "action": "Complete", "outcome": "Approve"}"""));
        var timers = await TimersAsync(instanceId);
        Assert.Equal(2, timers.Count);

        var admin = await _factory.CreateClientForAsync("admin");
        await admin.PostObjectAsync($"/api/workflow-instances/{instanceId}/cancel", null);
        await Instances.WaitForSubStatusAsync(bob, instanceId, "Cancelled");

        // Every timer row went with the cancel's commit, so nothing is due for the instance however far time runs on.
        Assert.Empty(await TimersAsync(instanceId));
        using var scope = _factory.Services.CreateScope();
        var sweep = scope.ServiceProvider.GetRequiredService<TimerSweepJob>();
        await sweep.SweepAsync(CancellationToken.None).WaitAsync(Timeouts.Request);
        var job = scope.ServiceProvider.GetRequiredService<DurableTimerJob>();
        foreach (var timer in timers)
        {
            var fired = await job.FireAsync(timer.Id, timer.WorkflowInstanceId, timer.BookmarkId, CancellationToken.None).WaitAsync(Timeouts.Request);
            Assert.False(fired, $"Timer {timer.Id} due at {timer.DueAt:O} fired after workflow instance {instanceId} was cancelled.");
        }

        var store = _factory.Services.GetRequiredService<IHumanTaskStore>();
        var history = await store.GetHistoryAsync(taskId).WaitAsync(Timeouts.Request);
        Assert.Equal([HumanTaskActions.Create, HumanTaskActions.Exit], history.Select(entry => entry.Action));
        var task = await store.FindAsync(taskId).WaitAsync(Timeouts.Request);
        Assert.Equal(HumanTaskStatus.Exited, task!.Status);
        Assert.Null(task.EscalatedAt);
        var instance = await bob.GetObjectAsync($"/api/workflow-instances/{instanceId}");
        Assert.Equal("Cancelled", instance["subStatus"]?.GetValue<string>());
    }

    [Fact]
    public async Task Reminder_Fires_WritesHistoryAndNextTimer()
    {
        var (_, instanceId, taskId) = await StartAsync("deadline-remind", ("reminder", """{"every": "PT1H", "times": 2}"""));
        var first = Assert.Single(await TimersAsync(instanceId));

        await FireAsync(first);

        var store = _factory.Services.GetRequiredService<IHumanTaskStore>();
        var remind = await Eventually.WaitAsync(
            () => store.GetHistoryAsync(taskId),
            history => history.Any(entry => entry.Action == HumanTaskActions.Remind),
            $"a remind entry in the history of task {taskId}");
        Assert.Equal(1, remind.Single(entry => entry.Action == HumanTaskActions.Remind).Details?["number"]?.GetValue<int>());
        var second = await Eventually.WaitAsync(
            () => TimersAsync(instanceId),
            timers => timers.Count == 1 && timers[0].Id != first.Id,
            $"the second reminder timer of workflow instance {instanceId}");
        Assert.Equal(first.DueAt.AddHours(1), second[0].DueAt);
    }

    [Fact]
    public async Task CompletionDeadline_Complete_FinishesInstance()
    {
        var (bob, instanceId, taskId) = await StartAsync(
            "deadline-complete",
            ("reminder", """{"every": "PT1H", "times": 3}"""),
            ("completionDeadline", """{"after": "PT2H", "action": "Complete", "outcome": "Reject"}"""));
        var timers = await TimersAsync(instanceId);
        var bookmarks = _factory.Services.GetRequiredService<IWorkflowInstanceStore>();
        var deadline = await FindByKindAsync(bookmarks, instanceId, timers, "completionDeadline");

        await FireAsync(deadline);

        var finished = await Instances.WaitForSubStatusAsync(bob, instanceId, "Finished");
        Assert.Equal(false, finished["output"]?["approved"]?.GetValue<bool>());
        var task = await _factory.Services.GetRequiredService<IHumanTaskStore>().FindAsync(taskId).WaitAsync(Timeouts.Request);
        Assert.Equal(HumanTaskStatus.Completed, task!.Status);
        Assert.Equal("Reject", task.Outcome);
        Assert.Equal(HumanTaskActions.SystemActor, task.CompletedBy);
        Assert.Empty(await TimersAsync(instanceId));
    }

    [Fact]
    public async Task CompleteDeadline_ParallelVote_ObsoletesOther()
    {
        var (bob, instanceId, _) = await StartAsync(
            "deadline-vote",
            ("approvalPolicy", """{"kind": "Parallel", "approvers": ["bob", "erin"], "required": 1}"""),
            ("completionDeadline", """{"after": "PT2H", "action": "Complete", "outcome": "Approve"}"""));
        var bookmarks = _factory.Services.GetRequiredService<IWorkflowInstanceStore>();
        var timers = await TimersAsync(instanceId);
        Assert.Equal(2, timers.Count);

        await FireAsync(await FindByKindAsync(bookmarks, instanceId, timers, "completionDeadline"));

        var finished = await Instances.WaitForSubStatusAsync(bob, instanceId, "Finished");
        Assert.Equal(true, finished["output"]?["approved"]?.GetValue<bool>());
        var tasks = await _factory.Services.GetRequiredService<IHumanTaskStore>().ListByInstanceAsync(instanceId).WaitAsync(Timeouts.Request);
        Assert.Equal(2, tasks.Count);
        Assert.Single(tasks, task => task.Status == HumanTaskStatus.Completed && task.CompletedBy == HumanTaskActions.SystemActor);
        var other = Assert.Single(tasks, task => task.Status == HumanTaskStatus.Obsolete);
        Assert.Equal(ApprovalPolicyKind.Parallel, other.ApprovalPolicy?.Kind);
        Assert.Equal(["bob", "erin"], other.ApprovalPolicy?.Approvers);
        Assert.Empty(await TimersAsync(instanceId));
    }

    [Fact]
    public async Task DueTimer_Overdue_WritesHistory()
    {
        var (_, instanceId, taskId) = await StartAsync("deadline-overdue", ("dueIn", null));
        var timer = Assert.Single(await TimersAsync(instanceId));

        await FireAsync(timer);

        var history = await Eventually.WaitAsync(
            () => _factory.Services.GetRequiredService<IHumanTaskStore>().GetHistoryAsync(taskId),
            entries => entries.Any(entry => entry.Action == HumanTaskActions.Overdue),
            $"an overdue entry in the history of task {taskId}");
        Assert.Equal(HumanTaskActions.SystemActor, history.Single(entry => entry.Action == HumanTaskActions.Overdue).Actor);
    }

    /// <summary>
    /// Publishes the capex review with extra UserTask inputs written as Object expressions (a <see langword="null"/>
    /// value sets dueIn to one hour), starts it, and returns bob's client and the ids.
    /// </summary>
    private async Task<(HttpClient Bob, string InstanceId, string TaskId)> StartAsync(string definitionId, params (string Name, string? Json)[] inputs)
    {
        var dave = await _factory.CreateClientForAsync("dave");
        var bob = await _factory.CreateClientForAsync("bob");
        var model = Fixtures.LoadAs(Fixtures.CapexReview, definitionId);
        var userTask = model["root"]!["activities"]!.AsArray().Single(activity => activity?["type"]?.GetValue<string>() == "ModelEngine.UserTask")!;
        foreach (var (name, json) in inputs)
        {
            userTask[name] = json is null
                ? new JsonObject { ["typeName"] = "TimeSpan", ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = "01:00:00" } }
                : new JsonObject { ["typeName"] = "Object", ["expression"] = new JsonObject { ["type"] = "Object", ["value"] = json } };
        }

        await Fixtures.PublishAsync(dave, model);
        var instanceId = await Instances.DispatchAsync(dave, definitionId, new { amount = 25_000, item = "Forklift" });
        var task = await Instances.WaitForTaskAsync(bob, instanceId);
        return (bob, instanceId, task["id"]!.GetValue<string>());
    }

    private async Task<IReadOnlyList<DurableTimer>> TimersAsync(string instanceId)
    {
        var store = _factory.Services.GetRequiredService<IDurableTimerStore>();
        var due = await store.ListDueAsync(DateTimeOffset.UtcNow + Horizon, 10_000).WaitAsync(Timeouts.Request);
        return due.Where(timer => timer.WorkflowInstanceId == instanceId).OrderBy(timer => timer.DueAt).ToList();
    }

    private static async Task<DurableTimer> FindByKindAsync(IWorkflowInstanceStore bookmarks, string instanceId, IReadOnlyList<DurableTimer> timers, string kind)
    {
        foreach (var timer in timers)
        {
            var bookmark = await bookmarks.FindBookmarkAsync(timer.BookmarkId).WaitAsync(Timeouts.Request);
            if (bookmark?.PayloadJson is { } json && JsonNode.Parse(json)?["timerKind"]?.GetValue<string>() == kind)
            {
                return timer;
            }
        }

        throw new Xunit.Sdk.XunitException($"Workflow instance {instanceId} has no {kind} timer among {timers.Count} timers.");
    }

    private async Task FireAsync(DurableTimer timer)
    {
        using var scope = _factory.Services.CreateScope();
        var job = scope.ServiceProvider.GetRequiredService<DurableTimerJob>();
        var fired = await job.FireAsync(timer.Id, timer.WorkflowInstanceId, timer.BookmarkId, CancellationToken.None).WaitAsync(Timeouts.Request);
        Assert.True(fired, $"Timer {timer.Id} of workflow instance {timer.WorkflowInstanceId} did not fire.");
    }
}
