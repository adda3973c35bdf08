using Microsoft.Extensions.DependencyInjection;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Runtime;
using ModelEngine.Workflows.Tests.Support;
using static ModelEngine.Workflows.Tests.Support.Json;

namespace ModelEngine.Workflows.Tests.Activities;

public sealed class SchedulingActivityTests
{
    private static EngineHarness CreateEngine(List<DurableTimer> timers) =>
        new(services => services.AddSingleton<IDurableTimerScheduler>(new Recorder(timers)));

    [Fact]
    public async Task StartAt_Future_WaitsForTimer()
    {
        var timers = new List<DurableTimer>();
        using var engine = CreateEngine(timers);
        var due = engine.Clock.GetUtcNow().AddDays(2);
        var id = await engine.PublishAsync(Array(Activity("at", "Elsa.StartAt", ("dateTime", Literal(due.ToString("O"), "DateTimeOffset")))), Array());

        var instance = await engine.ExecuteAsync(id);

        Assert.Equal(WorkflowSubStatus.Suspended, instance.Summary.SubStatus);
        Assert.Equal(due, Assert.Single(timers).DueAt);
    }

    [Fact]
    public async Task StartAt_Past_ContinuesAtOnce()
    {
        var timers = new List<DurableTimer>();
        using var engine = CreateEngine(timers);
        var past = engine.Clock.GetUtcNow().AddMinutes(-1);
        var id = await engine.PublishAsync(Array(Activity("at", "Elsa.StartAt", ("dateTime", Literal(past.ToString("O"), "DateTimeOffset")))), Array());

        var instance = await engine.ExecuteAsync(id);

        Assert.Equal(WorkflowSubStatus.Finished, instance.Summary.SubStatus);
        Assert.Empty(timers);
    }

    [Fact]
    public async Task Timer_WaitsOneInterval()
    {
        var timers = new List<DurableTimer>();
        using var engine = CreateEngine(timers);
        var id = await engine.PublishAsync(
            Array(Activity("tick", "Elsa.Timer", ("interval", Literal("PT1H", "TimeSpan"))), Activity("after", "Elsa.WriteLine", ("text", Literal("ticked", "String")))),
            Array(Connect("tick", "after")));

        var instance = await engine.ExecuteAsync(id);
        var timer = Assert.Single(timers);
        await engine.Runtime.ResumeAsync(new ResumeWorkflowRequest(timer.WorkflowInstanceId, timer.BookmarkId));
        var finished = await engine.RunPendingAsync(instance.Summary.Id);

        Assert.Equal(engine.Clock.GetUtcNow().AddHours(1), timer.DueAt);
        Assert.Equal(WorkflowSubStatus.Finished, finished.Summary.SubStatus);
    }

    private sealed class Recorder(List<DurableTimer> timers) : IDurableTimerScheduler
    {
        public void Schedule(DurableTimer timer) => timers.Add(timer);
    }
}
