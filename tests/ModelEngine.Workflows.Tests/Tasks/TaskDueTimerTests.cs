using Microsoft.Extensions.DependencyInjection;
using ModelEngine.HumanTasks.Activities;
using ModelEngine.HumanTasks.Model;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Runtime;
using ModelEngine.Workflows.Tests.Support;
using static ModelEngine.Workflows.Tests.Support.Json;

namespace ModelEngine.Workflows.Tests.Tasks;

public sealed class TaskDueTimerTests
{
    private static readonly Security.UserIdentity Bob = EngineHarness.User("bob", "managers");

    private static async Task<(EngineHarness Engine, List<DurableTimer> Timers, HumanTask Task)> StartAsync()
    {
        var timers = new List<DurableTimer>();
        var engine = new EngineHarness(services => services.AddSingleton<IDurableTimerScheduler>(new Recorder(timers)));
        var id = await engine.PublishAsync(
            Array(
                Activity("approve", "ModelEngine.UserTask", ("title", Literal("Approve", "String")), ("candidateGroups", Literal("managers", "String[]")), ("dueIn", Literal("PT1H", "TimeSpan"))),
                Activity("done", "Elsa.SetOutput", ("outputName", Literal("decision", "String")), ("outputValue", Expr("JavaScript", "getLastResult().outcome")))),
            Array(Connect("approve", "done", "Approve"), Connect("approve", "done", "Reject")));
        var instance = await engine.ExecuteAsync(id);
        return (engine, timers, Assert.Single(await engine.TaskStore.ListByInstanceAsync(instance.Summary.Id)));
    }

    [Fact]
    public async Task DueIn_WritesTimerWithTask()
    {
        var (engine, timers, task) = await StartAsync();
        using var _ = engine;

        var timer = Assert.Single(timers);
        Assert.Equal(engine.Clock.GetUtcNow().AddHours(1), timer.DueAt);
        Assert.Equal(timer.DueAt, task.DueAt);
        Assert.NotEqual(task.BookmarkId, timer.BookmarkId);
    }

    [Fact]
    public async Task DueTimer_OpenTask_MarksOverdue()
    {
        var (engine, timers, task) = await StartAsync();
        using var _ = engine;
        var timer = Assert.Single(timers);
        engine.Clock.Advance(TimeSpan.FromHours(1));

        await engine.Runtime.ResumeAsync(new ResumeWorkflowRequest(timer.WorkflowInstanceId, timer.BookmarkId)).WaitAsync(EngineHarness.Timeout);
        var instance = await engine.RunPendingAsync(timer.WorkflowInstanceId);

        var overdue = await engine.TaskStore.FindAsync(task.Id);
        Assert.Equal(WorkflowSubStatus.Suspended, instance.Summary.SubStatus);
        Assert.Equal(HumanTaskStatus.Ready, overdue!.Status);
        Assert.Equal(engine.Clock.GetUtcNow(), overdue.OverdueAt);
        Assert.Single(await engine.JournalAsync(timer.WorkflowInstanceId), entry => entry.EventName == HumanTaskFactory.TaskOverdueEvent);

        // The overdue task can still be claimed and completed.
        await engine.Tasks.ClaimAsync(task.Id, Bob, null).WaitAsync(EngineHarness.Timeout);
        await engine.Tasks.CompleteAsync(task.Id, Bob, new("Approve"), null).WaitAsync(EngineHarness.Timeout);
        var finished = await engine.RunPendingAsync(timer.WorkflowInstanceId);
        Assert.Equal(WorkflowSubStatus.Finished, finished.Summary.SubStatus);
    }

    [Fact]
    public async Task DueTimer_AfterCompletion_IsNoOp()
    {
        var (engine, timers, task) = await StartAsync();
        using var _ = engine;
        var timer = Assert.Single(timers);

        await engine.Tasks.ClaimAsync(task.Id, Bob, null).WaitAsync(EngineHarness.Timeout);
        await engine.Tasks.CompleteAsync(task.Id, Bob, new("Approve"), null).WaitAsync(EngineHarness.Timeout);

        // The completion's own commit removed the due-date timer, before the instance ran on.
        await Assert.ThrowsAsync<BookmarkNotFoundException>(() => engine.Runtime.ResumeAsync(new ResumeWorkflowRequest(timer.WorkflowInstanceId, timer.BookmarkId)));
        var finished = await engine.RunPendingAsync(timer.WorkflowInstanceId);
        Assert.Equal(WorkflowSubStatus.Finished, finished.Summary.SubStatus);
        Assert.Null((await engine.TaskStore.FindAsync(task.Id))!.OverdueAt);
    }

    [Fact]
    public async Task DueTimer_AfterCancel_IsNoOp()
    {
        var (engine, timers, task) = await StartAsync();
        using var _ = engine;
        var timer = Assert.Single(timers);

        await engine.Runtime.CancelAsync(timer.WorkflowInstanceId).WaitAsync(EngineHarness.Timeout);

        await Assert.ThrowsAsync<BookmarkNotFoundException>(() => engine.Runtime.ResumeAsync(new ResumeWorkflowRequest(timer.WorkflowInstanceId, timer.BookmarkId)));
        var exited = await engine.TaskStore.FindAsync(task.Id);
        Assert.Equal(HumanTaskStatus.Exited, exited!.Status);
        Assert.Null(exited.OverdueAt);
    }

    private sealed class Recorder(List<DurableTimer> timers) : IDurableTimerScheduler
    {
        public void Schedule(DurableTimer timer) => timers.Add(timer);
    }
}
