using Microsoft.Extensions.DependencyInjection;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Runtime;
using ModelEngine.Workflows.Scheduling;
using ModelEngine.Workflows.Tests.Support;
using ModelEngine.Workflows.Validation;
using static ModelEngine.Workflows.Tests.Support.Json;

namespace ModelEngine.Workflows.Tests.Activities;

public sealed class CronActivityTests
{
    private static EngineHarness CreateEngine(List<DurableTimer> timers) =>
        new(services => services.AddSingleton<IDurableTimerScheduler>(new Recorder(timers)));

    private static System.Text.Json.Nodes.JsonObject CronActivity(string expression, string? timeZone = null) => timeZone is null
        ? Activity("cron", "Elsa.Cron", ("cronExpression", Literal(expression, "String")))
        : Activity("cron", "Elsa.Cron", ("cronExpression", Literal(expression, "String")), ("timeZone", Literal(timeZone, "String")));

    [Fact]
    public async Task Cron_InsideFlow_WaitsForNextOccurrence()
    {
        var timers = new List<DurableTimer>();
        using var engine = CreateEngine(timers);

        // The clock is 09:00 UTC on 1 December, which is 10:00 in Berlin, so 09:00 Berlin comes next on 2 December.
        var id = await engine.PublishAsync(
            Array(Activity("start", "Elsa.Start"), CronActivity("0 9 * * *", "Europe/Berlin"), Activity("after", "Elsa.WriteLine", ("text", Literal("tick", "String")))),
            Array(Connect("start", "cron"), Connect("cron", "after")));

        var instance = await engine.ExecuteAsync(id);

        Assert.Equal(WorkflowSubStatus.Suspended, instance.Summary.SubStatus);
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 8, 0, 0, TimeSpan.Zero), Assert.Single(timers).DueAt);
    }

    [Fact]
    public async Task Cron_StartedByItsTrigger_CompletesAtOnce()
    {
        var timers = new List<DurableTimer>();
        using var engine = CreateEngine(timers);
        var id = await engine.PublishAsync(
            Array(CronActivity("*/5 * * * *"), Activity("after", "Elsa.WriteLine", ("text", Literal("tick", "String")))),
            Array(Connect("cron", "after")));

        var triggered = await engine.Runtime.ExecuteAsync(new StartWorkflowRequest(id, Initiator: "system", TriggerActivityId: "cron")).WaitAsync(EngineHarness.Timeout);
        var dispatchedByHand = await engine.ExecuteAsync(id);

        Assert.Equal(WorkflowSubStatus.Finished, triggered.Summary.SubStatus);
        Assert.Equal(WorkflowSubStatus.Suspended, dispatchedByHand.Summary.SubStatus);
        Assert.Equal(dispatchedByHand.Summary.Id, Assert.Single(timers).WorkflowInstanceId);
    }

    [Theory]
    [InlineData("61 * * * *", null, "cronExpression", "61 * * * *")]
    [InlineData("every day", null, "cronExpression", "every day")]
    [InlineData("0 9 * * *", "Mars/Olympus_Mons", "timeZone", "Mars/Olympus_Mons")]
    public async Task Publish_InvalidSchedule_NamesActivityAndValue(string expression, string? timeZone, string property, string value)
    {
        using var engine = new EngineHarness();

        var error = await Assert.ThrowsAsync<DefinitionValidationException>(() => engine.PublishAsync(
            Array(Activity("start", "Elsa.Start"), CronActivity(expression, timeZone)),
            Array(Connect("start", "cron"))));

        var problem = Assert.Single(error.Errors);
        Assert.Equal("cron", problem.ActivityId);
        Assert.Equal(property, problem.Property);
        Assert.Equal(value, problem.Value);
        Assert.Contains(value, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_TriggerWithExpressionSchedule_IsError()
    {
        using var engine = new EngineHarness();

        var error = await Assert.ThrowsAsync<DefinitionValidationException>(() => engine.PublishAsync(
            Array(Activity("cron", "Elsa.Cron", ("cronExpression", Expr("JavaScript", "'0 9 * * *'", "String")))),
            Array()));

        var problem = Assert.Single(error.Errors);
        Assert.Equal("cronExpression", problem.Property);
        Assert.Contains("literal", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Find_CronAtStart_IsTrigger()
    {
        using var engine = new EngineHarness();
        var id = await engine.PublishAsync(Array(CronActivity("0 9 * * MON-FRI", "America/New_York"), Activity("after", "Elsa.WriteLine")), Array(Connect("cron", "after")));
        var record = await engine.Services.GetRequiredService<WorkflowGraphCache>().FindPublishedAsync(id);

        var trigger = CronTrigger.Find(engine.Services.GetRequiredService<WorkflowGraphCache>().Get(record!));

        Assert.Equal(new CronTrigger(id, "cron", "0 9 * * MON-FRI", "America/New_York"), trigger);
    }

    [Theory]
    [InlineData("*/5 * * * * *", "2026-12-01T12:00:07Z", "2026-12-01T12:00:05Z")]
    [InlineData("0 0 1 1 *", "2026-12-01T12:00:00Z", "2026-01-01T00:00:00Z")]
    [InlineData("30 9 * * *", "2026-12-01T08:30:00Z", "2026-12-01T08:30:00Z")]
    public void LatestOccurrence_IsAtOrBefore(string expression, string at, string expected)
    {
        var timeZone = expression == "30 9 * * *" ? "Europe/Berlin" : null;
        Assert.True(CronSchedule.TryParse(expression, timeZone, out var schedule, out var error), error);

        var latest = schedule.GetLatestOccurrence(DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), latest);
    }

    private sealed class Recorder(List<DurableTimer> timers) : IDurableTimerScheduler
    {
        public void Schedule(DurableTimer timer) => timers.Add(timer);
    }
}
