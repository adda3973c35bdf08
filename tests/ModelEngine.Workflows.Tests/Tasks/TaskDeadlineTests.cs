using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ModelEngine.HumanTasks.Activities;
using ModelEngine.HumanTasks.Calendars;
using ModelEngine.HumanTasks.Deadlines;
using ModelEngine.HumanTasks.Inbox;
using ModelEngine.HumanTasks.Model;
using ModelEngine.Workflows.Runtime;
using ModelEngine.Workflows.Tests.Support;
using static ModelEngine.Workflows.Tests.Support.Json;

namespace ModelEngine.Workflows.Tests.Tasks;

public sealed class TaskDeadlineTests
{
    private static JsonObject Object(string json) => Wrapped("Literal", JsonNode.Parse(json));

    private static EngineHarness NewEngine() => new(services => services.Configure<HumanTaskCalendarOptions>(options =>
        options.Calendars["office"] = new BusinessCalendarSettings
        {
            TimeZone = "UTC",
            WorkingHours = [new WorkingHoursSettings { Days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"], Start = "09:00", End = "17:00" }],
            Holidays = ["2026-12-25"],
        }));

    private static async Task<(string InstanceId, List<HumanTask> Tasks)> StartAsync(EngineHarness engine, params (string Name, JsonNode? Value)[] inputs)
    {
        var task = Activity("approve", UserTask.TypeName, [("title", Literal("Approve the purchase", "String")), .. inputs]);
        var id = await engine.PublishAsync(
            Array(task, Activity("done", "Elsa.SetOutput", ("outputName", Literal("decision", "String")), ("outputValue", Expr("JavaScript", "getLastResult()")))),
            Array(Connect("approve", "done", "Approve"), Connect("approve", "done", "Reject")));
        var instance = await engine.ExecuteAsync(id);
        Assert.Equal(WorkflowSubStatus.Suspended, instance.Summary.SubStatus);
        var tasks = (await engine.TaskStore.ListByInstanceAsync(instance.Summary.Id)).OrderBy(task => task.ApprovalStep).ToList();
        return (instance.Summary.Id, tasks);
    }

    private static IReadOnlyList<HumanTaskEvent> Events(EngineHarness engine, string taskId, HumanTaskEventKind kind) =>
        engine.Services.GetRequiredService<InMemoryHumanTaskStore>().Events.Where(e => e.Task.Id == taskId && e.Kind == kind).ToList();

    [Fact]
    public async Task StartDeadline_Notify_EscalatesOpenTask()
    {
        using var engine = NewEngine();
        var (instanceId, tasks) = await StartAsync(engine, ("candidateGroups", Object("""["managers"]""")), ("startDeadline", Object("""{"after": "PT4H", "action": "Notify", "target": "group:leads"}""")));
        var task = Assert.Single(tasks);
        var timer = await TaskPolicyDriver.TimerAsync(engine, instanceId, task.Id, TaskTimers.StartDeadlineKind);
        Assert.Equal(task.CreatedAt.AddHours(4), timer.DueAt);

        var instance = await TaskPolicyDriver.FireAsync(engine, timer);

        Assert.Equal(WorkflowSubStatus.Suspended, instance.Summary.SubStatus);
        var escalated = (await engine.TaskStore.FindAsync(task.Id))!;
        Assert.Equal(HumanTaskStatus.Ready, escalated.Status);
        Assert.Equal(engine.Clock.GetUtcNow(), escalated.EscalatedAt);
        var entry = Assert.Single(await engine.TaskStore.GetHistoryAsync(task.Id), entry => entry.Action == HumanTaskActions.Escalate);
        Assert.Equal(HumanTaskActions.SystemActor, entry.Actor);
        Assert.Equal("group:leads", entry.Details?["target"]?.GetValue<string>());
        Assert.Equal("startDeadline", entry.Details?["deadline"]?.GetValue<string>());
        var taskEvent = Assert.Single(Events(engine, task.Id, HumanTaskEventKind.Escalated));
        Assert.Equal("group:leads", taskEvent.Details?["target"]?.GetValue<string>());
    }

    [Fact]
    public async Task StartDeadline_StartedTask_DoesNothing()
    {
        using var engine = NewEngine();
        var (instanceId, tasks) = await StartAsync(engine, ("assignee", Literal("bob", "String")), ("startDeadline", Object("""{"after": "PT4H", "action": "Notify", "target": "carol"}""")));
        var task = Assert.Single(tasks);
        await engine.TaskStore.UpdateAsync(task with { Status = HumanTaskStatus.InProgress, Revision = task.Revision + 1 }, task.Revision);
        var timer = await TaskPolicyDriver.TimerAsync(engine, instanceId, task.Id, TaskTimers.StartDeadlineKind);

        await TaskPolicyDriver.FireAsync(engine, timer);

        Assert.DoesNotContain(await engine.TaskStore.GetHistoryAsync(task.Id), entry => entry.Action == HumanTaskActions.Escalate);
        Assert.Empty(Events(engine, task.Id, HumanTaskEventKind.Escalated));
        Assert.Null((await engine.TaskStore.FindAsync(task.Id))!.EscalatedAt);
    }

    [Fact]
    public async Task CompletionDeadline_ReassignToUser_ReservesTask()
    {
        using var engine = NewEngine();
        var (instanceId, tasks) = await StartAsync(engine, ("assignee", Literal("bob", "String")), ("completionDeadline", Object("""{"after": "P1D", "action": "Reassign", "target": "carol"}""")));
        var task = Assert.Single(tasks);
        await engine.TaskStore.UpdateAsync(task with { Status = HumanTaskStatus.InProgress, Revision = task.Revision + 1 }, task.Revision);

        await TaskPolicyDriver.FireAsync(engine, await TaskPolicyDriver.TimerAsync(engine, instanceId, task.Id, TaskTimers.CompletionDeadlineKind));

        var moved = (await engine.TaskStore.FindAsync(task.Id))!;
        Assert.Equal(HumanTaskStatus.Reserved, moved.Status);
        Assert.Equal("carol", moved.Assignee);
        Assert.Equal(task.Revision + 2, moved.Revision);
        var entry = Assert.Single(await engine.TaskStore.GetHistoryAsync(task.Id), entry => entry.Action == HumanTaskActions.Escalate);
        Assert.Equal(HumanTaskStatus.InProgress, entry.StatusBefore);
        Assert.Equal(HumanTaskStatus.Reserved, entry.StatusAfter);
        Assert.Equal("bob", entry.Details?["previousAssignee"]?.GetValue<string>());
        Assert.Equal("bob", Assert.Single(Events(engine, task.Id, HumanTaskEventKind.Escalated)).PreviousAssignee);
    }

    [Fact]
    public async Task CompletionDeadline_ReassignToGroup_OffersTask()
    {
        using var engine = NewEngine();
        var (instanceId, tasks) = await StartAsync(engine, ("assignee", Literal("bob", "String")), ("completionDeadline", Object("""{"after": "P1D", "action": "Reassign", "target": "group:leads"}""")));
        var task = Assert.Single(tasks);

        await TaskPolicyDriver.FireAsync(engine, await TaskPolicyDriver.TimerAsync(engine, instanceId, task.Id, TaskTimers.CompletionDeadlineKind));

        var moved = (await engine.TaskStore.FindAsync(task.Id))!;
        Assert.Equal(HumanTaskStatus.Ready, moved.Status);
        Assert.Null(moved.Assignee);
        Assert.Equal(["leads"], moved.CandidateGroups);
    }

    [Fact]
    public async Task CompletionDeadline_ReassignToExcluded_OnlyEscalates()
    {
        using var engine = NewEngine();
        var (instanceId, tasks) = await StartAsync(
            engine,
            ("assignee", Literal("bob", "String")),
            ("excludeInitiator", Literal(true, "Boolean")),
            ("completionDeadline", Object("""{"after": "P1D", "action": "Reassign", "target": "alice"}""")));
        var task = Assert.Single(tasks);

        await TaskPolicyDriver.FireAsync(engine, await TaskPolicyDriver.TimerAsync(engine, instanceId, task.Id, TaskTimers.CompletionDeadlineKind));

        var kept = (await engine.TaskStore.FindAsync(task.Id))!;
        Assert.Equal("bob", kept.Assignee);
        Assert.NotNull(kept.EscalatedAt);
        var entry = Assert.Single(await engine.TaskStore.GetHistoryAsync(task.Id), entry => entry.Action == HumanTaskActions.Escalate);
        Assert.Contains("excluded", entry.Details?["skipped"]?.GetValue<string>());
    }

    [Fact]
    public async Task CompletionDeadline_Complete_FinishesActivity()
    {
        using var engine = NewEngine();
        var (instanceId, tasks) = await StartAsync(
            engine,
            ("assignee", Literal("bob", "String")),
            ("reminder", Object("""{"every": "PT1H", "times": 5}""")),
            ("completionDeadline", Object("""{"after": "PT2H30M", "action": "Complete", "outcome": "reject"}""")));
        var task = Assert.Single(tasks);

        var finished = await TaskPolicyDriver.FireAsync(engine, await TaskPolicyDriver.TimerAsync(engine, instanceId, task.Id, TaskTimers.CompletionDeadlineKind));

        Assert.Equal(WorkflowSubStatus.Finished, finished.Summary.SubStatus);
        Assert.Equal("Reject", finished.Output["decision"]?["outcome"]?.GetValue<string>());
        Assert.Equal(HumanTaskActions.SystemActor, finished.Output["decision"]?["completedBy"]?.GetValue<string>());
        var completed = (await engine.TaskStore.FindAsync(task.Id))!;
        Assert.Equal(HumanTaskStatus.Completed, completed.Status);
        Assert.Equal("Reject", completed.Outcome);
        Assert.Equal(HumanTaskActions.SystemActor, completed.CompletedBy);
        var entry = Assert.Single(await engine.TaskStore.GetHistoryAsync(task.Id), entry => entry.Action == HumanTaskActions.Complete);
        Assert.Equal(HumanTaskActions.SystemActor, entry.Actor);
        Assert.Single(Events(engine, task.Id, HumanTaskEventKind.Completed));
        Assert.Empty(await TaskPolicyDriver.TimersAsync(engine, instanceId));
    }

    [Fact]
    public async Task CompleteDeadline_ParallelVote_Decides()
    {
        using var engine = NewEngine();
        var (instanceId, tasks) = await StartAsync(
            engine,
            ("approvalPolicy", Object("""{"kind": "Parallel", "approvers": ["bob", "erin", "carol"], "required": 2}""")),
            ("completionDeadline", Object("""{"after": "P1D", "action": "Complete", "outcome": "Approve"}""")));
        await TaskPolicyDriver.CompleteAsync(engine, tasks[0].Id, "bob", "Approve");
        Assert.Equal(2, (await TaskPolicyDriver.TimersAsync(engine, instanceId)).Count);

        // The two remaining deadlines are due together, and the first one to fire decides the vote.
        var timer = await TaskPolicyDriver.TimerAsync(engine, instanceId, tasks[1].Id, TaskTimers.CompletionDeadlineKind);
        var finished = await TaskPolicyDriver.FireAsync(engine, timer);

        Assert.Equal(WorkflowSubStatus.Finished, finished.Summary.SubStatus);
        Assert.Equal("Approve", finished.Output["decision"]?["outcome"]?.GetValue<string>());
        Assert.Equal(["bob", HumanTaskActions.SystemActor], finished.Output["decision"]?["votes"]?.AsArray().Select(vote => vote?["user"]?.GetValue<string>()));
        var statuses = (await engine.TaskStore.ListByInstanceAsync(instanceId)).OrderBy(task => task.ApprovalStep).Select(task => task.Status);
        Assert.Equal([HumanTaskStatus.Completed, HumanTaskStatus.Completed, HumanTaskStatus.Obsolete], statuses);
        Assert.Empty(await TaskPolicyDriver.TimersAsync(engine, instanceId));
    }

    [Fact]
    public async Task CompletionDeadline_CompleteInSequence_CreatesNextTask()
    {
        using var engine = NewEngine();
        var (instanceId, tasks) = await StartAsync(
            engine,
            ("approvalPolicy", Object("""{"kind": "Sequential", "approvers": ["bob", "carol"]}""")),
            ("completionDeadline", Object("""{"after": "P1D", "action": "Complete", "outcome": "Approve"}""")));
        var first = Assert.Single(tasks);

        var waiting = await TaskPolicyDriver.FireAsync(engine, await TaskPolicyDriver.TimerAsync(engine, instanceId, first.Id, TaskTimers.CompletionDeadlineKind));

        Assert.Equal(WorkflowSubStatus.Suspended, waiting.Summary.SubStatus);
        var second = Assert.Single(await engine.TaskStore.ListByInstanceAsync(instanceId), task => task.Status.IsOpen());
        Assert.Equal("carol", second.Assignee);
        var timer = await TaskPolicyDriver.TimerAsync(engine, instanceId, second.Id, TaskTimers.CompletionDeadlineKind);
        Assert.Equal(engine.Clock.GetUtcNow().AddDays(1), timer.DueAt);
    }

    [Fact]
    public async Task Reminder_FiresTimesThenStops()
    {
        using var engine = NewEngine();
        var (instanceId, tasks) = await StartAsync(engine, ("assignee", Literal("bob", "String")), ("reminder", Object("""{"every": "PT1H", "times": 2}""")));
        var task = Assert.Single(tasks);

        var first = await TaskPolicyDriver.TimerAsync(engine, instanceId, task.Id, TaskTimers.ReminderKind);
        Assert.Equal(task.CreatedAt.AddHours(1), first.DueAt);
        await TaskPolicyDriver.FireAsync(engine, first);
        var second = await TaskPolicyDriver.TimerAsync(engine, instanceId, task.Id, TaskTimers.ReminderKind);
        Assert.Equal(task.CreatedAt.AddHours(2), second.DueAt);
        await TaskPolicyDriver.FireAsync(engine, second);

        Assert.Empty(await TaskPolicyDriver.TimersAsync(engine, instanceId));
        var reminders = (await engine.TaskStore.GetHistoryAsync(task.Id)).Where(entry => entry.Action == HumanTaskActions.Remind).ToList();
        Assert.Equal([1, 2], reminders.Select(entry => entry.Details!["number"]!.GetValue<int>()));
        Assert.Equal(2, Events(engine, task.Id, HumanTaskEventKind.Reminder).Count);
        Assert.Equal(task.Revision, (await engine.TaskStore.FindAsync(task.Id))!.Revision);
    }

    [Fact]
    public async Task Completion_RemovesOnlyThatTasksTimers()
    {
        using var engine = NewEngine();
        var (instanceId, tasks) = await StartAsync(
            engine,
            ("approvalPolicy", Object("""{"kind": "Parallel", "approvers": ["bob", "erin"]}""")),
            ("dueIn", Literal("PT8H", "TimeSpan")),
            ("reminder", Object("""{"every": "PT1H", "times": 3}""")),
            ("startDeadline", Object("""{"after": "PT2H", "action": "Notify", "target": "carol"}""")));
        Assert.Equal(6, (await TaskPolicyDriver.TimersAsync(engine, instanceId)).Count);

        await TaskPolicyDriver.CompleteAsync(engine, tasks[0].Id, "bob", "Approve");

        var left = await TaskPolicyDriver.TimersAsync(engine, instanceId);
        Assert.Equal(3, left.Count);
        Assert.All(left, timer => Assert.Equal(tasks[1].Id, timer.Payload[HumanTaskFactory.DueTaskIdProperty]?.GetValue<string>()));
    }

    [Fact]
    public async Task Cancel_RemovesReminderAndDeadline()
    {
        using var engine = NewEngine();
        var (instanceId, tasks) = await StartAsync(
            engine,
            ("assignee", Literal("bob", "String")),
            ("reminder", Object("""{"every": "PT1H", "times": 3}""")),
            ("completionDeadline", Object("""{"after": "PT4H", "action": "Complete", "outcome": "Approve"}""")));
        var task = Assert.Single(tasks);
        var timers = await TaskPolicyDriver.TimersAsync(engine, instanceId);
        Assert.Equal(2, timers.Count);

        await engine.Runtime.CancelAsync(instanceId).WaitAsync(EngineHarness.Timeout);
        engine.Clock.Advance(TimeSpan.FromDays(1));

        Assert.Empty(await TaskPolicyDriver.TimersAsync(engine, instanceId));
        foreach (var (bookmark, _) in timers)
        {
            await Assert.ThrowsAsync<BookmarkNotFoundException>(() => engine.Runtime.ResumeAsync(new ResumeWorkflowRequest(instanceId, bookmark.Id)));
        }

        var history = await engine.TaskStore.GetHistoryAsync(task.Id);
        Assert.Equal([HumanTaskActions.Create, HumanTaskActions.Exit], history.Select(entry => entry.Action));
    }

    [Fact]
    public async Task DueTimer_MarksOverdueWithHistoryAndEvent()
    {
        using var engine = NewEngine();
        var (instanceId, tasks) = await StartAsync(engine, ("assignee", Literal("bob", "String")), ("dueIn", Literal("PT1H", "TimeSpan")));
        var task = Assert.Single(tasks);

        await TaskPolicyDriver.FireAsync(engine, await TaskPolicyDriver.TimerAsync(engine, instanceId, task.Id, TaskTimers.DueKind));

        Assert.NotNull((await engine.TaskStore.FindAsync(task.Id))!.OverdueAt);
        var entry = Assert.Single(await engine.TaskStore.GetHistoryAsync(task.Id), entry => entry.Action == HumanTaskActions.Overdue);
        Assert.Equal(HumanTaskActions.SystemActor, entry.Actor);
        Assert.Single(Events(engine, task.Id, HumanTaskEventKind.Overdue));
    }

    [Fact]
    public async Task DueTimer_DueDateMovedLater_RearmsTimer()
    {
        using var engine = NewEngine();
        var (instanceId, tasks) = await StartAsync(engine, ("assignee", Literal("bob", "String")), ("dueIn", Literal("PT1H", "TimeSpan")));
        var task = Assert.Single(tasks);
        var timer = await TaskPolicyDriver.TimerAsync(engine, instanceId, task.Id, TaskTimers.DueKind);
        var later = task.DueAt!.Value.AddHours(3);
        await engine.TaskStore.UpdateAsync(task with { DueAt = later, Revision = task.Revision + 1 }, task.Revision);

        await TaskPolicyDriver.FireAsync(engine, timer);

        Assert.Null((await engine.TaskStore.FindAsync(task.Id))!.OverdueAt);
        Assert.DoesNotContain(await engine.TaskStore.GetHistoryAsync(task.Id), entry => entry.Action == HumanTaskActions.Overdue);
        var rearmed = await TaskPolicyDriver.TimerAsync(engine, instanceId, task.Id, TaskTimers.DueKind);
        Assert.Equal(later, rearmed.DueAt);
        Assert.NotEqual(timer.Id, rearmed.Id);

        await TaskPolicyDriver.FireAsync(engine, rearmed);
        Assert.Equal(later, (await engine.TaskStore.FindAsync(task.Id))!.OverdueAt);
    }

    [Fact]
    public async Task Timer_EndedTask_DoesNothing()
    {
        using var engine = NewEngine();
        var (instanceId, tasks) = await StartAsync(
            engine,
            ("approvalPolicy", Object("""{"kind": "Parallel", "approvers": ["bob", "erin"]}""")),
            ("reminder", Object("""{"every": "PT1H", "times": 3}""")));
        var timer = await TaskPolicyDriver.TimerAsync(engine, instanceId, tasks[0].Id, TaskTimers.ReminderKind);

        // An administrator ended the task outside the vote, so its reminder still exists when it fires.
        var exited = tasks[0] with { Status = HumanTaskStatus.Exited, Revision = tasks[0].Revision + 1 };
        await engine.TaskStore.UpdateAsync(exited, tasks[0].Revision);
        await TaskPolicyDriver.FireAsync(engine, timer);

        Assert.DoesNotContain(await engine.TaskStore.GetHistoryAsync(tasks[0].Id), entry => entry.Action == HumanTaskActions.Remind);
        Assert.Empty(Events(engine, tasks[0].Id, HumanTaskEventKind.Reminder));
        Assert.DoesNotContain(await TaskPolicyDriver.TimersAsync(engine, instanceId), other => other.Payload[HumanTaskFactory.DueTaskIdProperty]?.GetValue<string>() == tasks[0].Id);
    }

    [Fact]
    public async Task BusinessCalendar_DeadlineSkipsHoliday()
    {
        using var engine = NewEngine();

        // Thursday 24 December 2026, 16:00 UTC: one working hour is left that day, and Friday the 25th is a holiday.
        engine.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 24, 16, 0, 0, TimeSpan.Zero));
        var (instanceId, tasks) = await StartAsync(
            engine,
            ("assignee", Literal("bob", "String")),
            ("businessCalendar", Literal("office", "String")),
            ("dueIn", Literal("PT3H", "TimeSpan")),
            ("reminder", Object("""{"every": "PT1H", "times": 1}""")),
            ("startDeadline", Object("""{"after": "PT2H", "action": "Notify", "target": "carol"}""")));
        var task = Assert.Single(tasks);

        var deadline = await TaskPolicyDriver.TimerAsync(engine, instanceId, task.Id, TaskTimers.StartDeadlineKind);
        var reminder = await TaskPolicyDriver.TimerAsync(engine, instanceId, task.Id, TaskTimers.ReminderKind);
        Assert.Equal(new DateTimeOffset(2026, 12, 28, 10, 0, 0, TimeSpan.Zero), deadline.DueAt);
        Assert.Equal(new DateTimeOffset(2026, 12, 24, 17, 0, 0, TimeSpan.Zero), reminder.DueAt);
        Assert.Equal(new DateTimeOffset(2026, 12, 28, 11, 0, 0, TimeSpan.Zero), task.DueAt);
    }

    [Fact]
    public async Task BusinessCalendar_Unknown_Faults()
    {
        using var engine = NewEngine();
        var id = await engine.PublishAsync(
            Array(Activity("approve", UserTask.TypeName, ("title", Literal("Approve", "String")), ("businessCalendar", Literal("warehouse", "String")), ("dueIn", Literal("PT1H", "TimeSpan")))),
            Array());

        var instance = await engine.ExecuteAsync(id);

        Assert.Equal(WorkflowSubStatus.Faulted, instance.Summary.SubStatus);
        var message = Assert.Single(instance.Incidents).Message;
        Assert.Contains("'warehouse'", message);
        Assert.Contains("office", message);
    }
}
