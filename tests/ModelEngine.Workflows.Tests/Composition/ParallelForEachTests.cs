using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Runtime;
using ModelEngine.Workflows.Tests.Support;
using static ModelEngine.Workflows.Tests.Composition.CompositionHelpers;
using static ModelEngine.Workflows.Tests.Support.Json;

namespace ModelEngine.Workflows.Tests.Composition;

public sealed class ParallelForEachTests
{
    private static JsonObject Loop(string items, JsonObject body)
    {
        var loop = Activity("loop", "Elsa.ParallelForEach", ("items", Expr("JavaScript", items)));
        loop["currentValue"] = new JsonObject { ["typeName"] = "Object", ["memoryReference"] = new JsonObject { ["id"] = "item" } };
        loop["body"] = body;
        return loop;
    }

    private static JsonObject Body(JsonArray activities, JsonArray connections) => new()
    {
        ["type"] = "Elsa.Flowchart",
        ["id"] = "body",
        ["activities"] = activities,
        ["connections"] = connections,
    };

    private static JsonArray Variables() => Array(
        new JsonObject { ["id"] = "item", ["name"] = "item", ["typeName"] = "Object" },
        new JsonObject { ["id"] = "trail", ["name"] = "trail", ["typeName"] = "String", ["value"] = "" });

    [Fact]
    public async Task SuspendingBodies_KeepOwnItemAndJoin()
    {
        using var engine = new EngineHarness();

        // Each body waits on a RunTask named after its item, then appends its item, read after the wait.
        var body = Body(
            Array(
                Activity("wait", "Elsa.RunTask", ("taskName", Expr("JavaScript", "'task-' + variables.item", "String"))),
                Activity("add", "Elsa.SetVariable", ("variable", JsonValue.Create("trail")), ("value", Expr("JavaScript", "variables.trail + variables.item + '@' + variables.CurrentIndex + ';'")))),
            Array(Connect("wait", "add")));
        var id = await engine.PublishAsync(Array(Loop("['a', 'b', 'c']", body), Output("after", "trail", "variables.trail")), Array(Connect("loop", "after")), Variables());

        var started = await engine.ExecuteAsync(id);
        var waiting = await engine.Instances.ListBookmarksAsync("ModelEngine.RunTask", started.Summary.Id);

        Assert.Equal(WorkflowSubStatus.Suspended, started.Summary.SubStatus);
        Assert.Equal(3, waiting.Count);

        await CompleteRunTaskAsync(engine, started.Summary.Id, taskName: "task-c");
        var afterC = await engine.RunPendingAsync(started.Summary.Id);
        await CompleteRunTaskAsync(engine, started.Summary.Id, taskName: "task-a");
        var afterA = await engine.RunPendingAsync(started.Summary.Id);
        await CompleteRunTaskAsync(engine, started.Summary.Id, taskName: "task-b");
        var done = await engine.RunPendingAsync(started.Summary.Id);

        Assert.Equal(WorkflowSubStatus.Suspended, afterC.Summary.SubStatus);
        Assert.Equal(WorkflowSubStatus.Suspended, afterA.Summary.SubStatus);
        Assert.Equal(WorkflowSubStatus.Finished, done.Summary.SubStatus);
        Assert.Equal("c@2;a@0;b@1;", done.Output["trail"]!.GetValue<string>());
    }

    [Fact]
    public async Task TimerBodies_ResumeIndependently()
    {
        var timers = new List<DurableTimer>();
        using var engine = new EngineHarness(services => services.AddSingleton<IDurableTimerScheduler>(new TimerRecorder(timers)));
        var body = Body(
            Array(
                Activity("tick", "Elsa.Timer", ("interval", Expr("JavaScript", "variables.item == 1 ? 'PT1M' : 'PT5M'", "TimeSpan"))),
                Activity("add", "Elsa.SetVariable", ("variable", JsonValue.Create("trail")), ("value", Expr("JavaScript", "variables.trail + variables.item + ';'")))),
            Array(Connect("tick", "add")));
        var id = await engine.PublishAsync(Array(Loop("[5, 1]", body), Output("after", "trail", "variables.trail")), Array(Connect("loop", "after")), Variables());

        var started = await engine.ExecuteAsync(id);
        Assert.Equal(2, timers.Count);
        foreach (var timer in timers.OrderBy(timer => timer.DueAt))
        {
            engine.Clock.SetUtcNow(timer.DueAt);
            await engine.Runtime.ResumeAsync(new ResumeWorkflowRequest(timer.WorkflowInstanceId, timer.BookmarkId)).WaitAsync(EngineHarness.Timeout);
            await engine.RunPendingAsync(started.Summary.Id);
        }

        var done = (await engine.Runtime.GetAsync(started.Summary.Id))!;
        Assert.Equal(WorkflowSubStatus.Finished, done.Summary.SubStatus);
        Assert.Equal("1;5;", done.Output["trail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Break_CancelsOtherBodies()
    {
        using var engine = new EngineHarness();

        // Item 2 breaks at once; items 1 and 3 wait on a RunTask, which the break cancels.
        var body = Body(
            Array(
                Activity("check", "Elsa.FlowDecision", ("condition", Expr("JavaScript", "variables.item == 2", "Boolean"))),
                Activity("stop", "Elsa.Break"),
                Activity("wait", "Elsa.RunTask", ("taskName", Literal("work", "String")))),
            Array(Connect("check", "stop", "True"), Connect("check", "wait", "False")));
        var id = await engine.PublishAsync(Array(Loop("[1, 2, 3]", body), Output("after", "done", "true")), Array(Connect("loop", "after")), Variables());

        var instance = await engine.ExecuteAsync(id);

        Assert.Equal(WorkflowSubStatus.Finished, instance.Summary.SubStatus);
        Assert.True(instance.Output["done"]!.GetValue<bool>());
        Assert.Empty(await engine.Instances.ListBookmarksAsync("ModelEngine.RunTask", instance.Summary.Id));
    }

    [Fact]
    public async Task EmptyItems_CompletesAtOnce()
    {
        using var engine = new EngineHarness();
        var id = await engine.PublishAsync(
            Array(Loop("[]", RunTask("wait", "never")), Output("after", "done", "true")),
            Array(Connect("loop", "after")),
            Variables());

        var instance = await engine.ExecuteAsync(id);

        Assert.Equal(WorkflowSubStatus.Finished, instance.Summary.SubStatus);
        Assert.True(instance.Output["done"]!.GetValue<bool>());
    }

    private sealed class TimerRecorder(List<DurableTimer> timers) : IDurableTimerScheduler
    {
        public void Schedule(DurableTimer timer) => timers.Add(timer);
    }
}
