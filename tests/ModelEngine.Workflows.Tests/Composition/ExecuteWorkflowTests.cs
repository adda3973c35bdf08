using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ModelEngine.HumanTasks.Inbox;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Persistence.InMemory;
using ModelEngine.Workflows.Runtime;
using ModelEngine.Workflows.Runtime.Composition;
using ModelEngine.Workflows.Tests.Support;
using Xunit.Abstractions;
using static ModelEngine.Workflows.Tests.Composition.CompositionHelpers;
using static ModelEngine.Workflows.Tests.Support.Json;

namespace ModelEngine.Workflows.Tests.Composition;

public sealed class ExecuteWorkflowTests
{
    private static readonly Security.UserIdentity Bob = EngineHarness.User("bob", "managers");

    private readonly ITestOutputHelper _output;

    public ExecuteWorkflowTests(ITestOutputHelper output)
    {
        _output = output;
    }

    private static async Task<string> PublishParentAsync(EngineHarness engine, string childDefinitionId = "child") =>
        await engine.PublishAsync(
            Array(Execute("run", childDefinitionId, "({ amount: 21 })"), Output("out", "fromChild", "getOutputFrom('run', 'result')")),
            Array(Connect("run", "out")));

    [Fact]
    public async Task ChildWaitingOnTaskAndTimer_ResumesParentWithOutput()
    {
        var timers = new List<DurableTimer>();
        using var engine = new EngineHarness(services => services.AddSingleton<IDurableTimerScheduler>(new TimerRecorder(timers)));
        await PublishAsync(engine, "child",
            Array(
                Activity("approve", "ModelEngine.UserTask", ("title", Literal("Approve", "String")), ("candidateGroups", Literal("managers", "String[]"))),
                Activity("tick", "Elsa.Timer", ("interval", Literal("PT1H", "TimeSpan"))),
                Output("out", "doubled", "getInput('amount') * 2")),
            Array(Connect("approve", "tick", "Approve"), Connect("tick", "out")));
        var parentDefinition = await PublishParentAsync(engine);

        var parent = await engine.ExecuteAsync(parentDefinition);
        var childId = await ChildIdAsync(engine, parent.Summary.Id);
        var childStarted = await engine.RunPendingAsync(childId);
        var task = Assert.Single(await engine.TaskStore.ListByInstanceAsync(childId));
        await engine.Tasks.ClaimAsync(task.Id, Bob, null).WaitAsync(EngineHarness.Timeout);
        await engine.Tasks.CompleteAsync(task.Id, Bob, new TaskCompletion("Approve"), null).WaitAsync(EngineHarness.Timeout);
        var childAtTimer = await engine.RunPendingAsync(childId);
        var timer = Assert.Single(timers);
        engine.Clock.SetUtcNow(timer.DueAt);
        await engine.Runtime.ResumeAsync(new ResumeWorkflowRequest(childId, timer.BookmarkId)).WaitAsync(EngineHarness.Timeout);
        var childDone = await engine.RunPendingAsync(childId);
        var parentDone = await engine.RunPendingAsync(parent.Summary.Id);

        Assert.Equal(WorkflowSubStatus.Suspended, parent.Summary.SubStatus);
        Assert.Equal(WorkflowSubStatus.Suspended, childStarted.Summary.SubStatus);
        Assert.Equal(WorkflowSubStatus.Suspended, childAtTimer.Summary.SubStatus);
        Assert.Equal(WorkflowSubStatus.Finished, childDone.Summary.SubStatus);
        Assert.Equal(21, childDone.Input["amount"]!.GetValue<int>());
        Assert.Equal(WorkflowSubStatus.Finished, parentDone.Summary.SubStatus);
        Assert.Equal(42, parentDone.Output["fromChild"]!["doubled"]!.GetValue<int>());
    }

    [Fact]
    public async Task ChildEndAndSweep_Race_ResumeParentOnce()
    {
        // The committer reports the child's final commit and then delays the child's own resume of its parent by a random
        // 0 to 2 ms. The sweep starts after another random 0 to 2 ms, so either may reach the parent's bookmark first.
        using var engine = new EngineHarness(services => services.AddSingleton<IWorkflowCommitter>(provider =>
            new PausingCommitter(provider.GetRequiredService<InMemoryWorkflowStore>(), commit => commit.Summary.DefinitionId == "child" && commit.Summary.SubStatus == WorkflowSubStatus.Finished)));
        await PublishAsync(engine, "child", Array(RunTask("wait", "work"), Output("out", "value", "getLastResult()")), Array(Connect("wait", "out")));
        var parentDefinition = await PublishParentAsync(engine);
        var committer = (PausingCommitter)engine.Services.GetRequiredService<IWorkflowCommitter>();
        var sweeper = engine.Services.GetRequiredService<ChildWorkflowSweeper>();
        var seed = Environment.TickCount;
        var random = new Random(seed);
        var runs = StressCounts.RaceRepeats;
        var sweepWins = 0;
        _output.WriteLine($"Seed {seed}, {runs} runs.");

        for (var run = 0; run < runs; run++)
        {
            var parent = await engine.ExecuteAsync(parentDefinition);
            var childId = await ChildIdAsync(engine, parent.Summary.Id);
            await engine.RunPendingAsync(childId);
            await CompleteRunTaskAsync(engine, childId, JsonValue.Create(run));
            var notifyDelay = random.Next(0, 3);
            var sweepDelay = random.Next(0, 3);
            committer.DelayAfter = TimeSpan.FromMilliseconds(notifyDelay);
            committer.Reset();

            var finishChild = Task.Run(() => engine.Runtime.RunPendingAsync(childId));
            var sweep = Task.Run(async () =>
            {
                await committer.Committed;
                await Task.Delay(sweepDelay);
                return await sweeper.SweepAsync();
            });
            await Task.WhenAll(finishChild, sweep).WaitAsync(EngineHarness.Timeout);
            var sweepResumed = await sweep;
            sweepWins += sweepResumed;
            var final = await engine.RunPendingAsync(parent.Summary.Id);
            var journal = await engine.JournalAsync(parent.Summary.Id);

            var context = $"run {run} of {runs} (seed {seed}, resume delay {notifyDelay} ms, sweep delay {sweepDelay} ms, sweep resumed {sweepResumed})";
            Assert.True(WorkflowSubStatus.Finished == final.Summary.SubStatus, $"Parent is {final.Summary.SubStatus} in {context}.");
            Assert.True(1 == journal.Count(entry => entry.EventName == JournalEvents.ActivityResumed && entry.ActivityId == "run"), $"Parent resumed more than once in {context}.");
            Assert.True(run == final.Output["fromChild"]!["value"]!.GetValue<int>(), $"Parent has the wrong output in {context}.");
        }

        _output.WriteLine($"The sweep resumed the parent in {sweepWins} of {runs} runs, the child's own resume in the others.");
    }

    [Fact]
    public async Task LostNotification_SweepResumesParent()
    {
        using var engine = new EngineHarness(services => services.AddSingleton<IWorkflowCommitter>(provider =>
            new FailingCommitter(provider.GetRequiredService<InMemoryWorkflowStore>(), commit => commit.RemovedBookmarkIds.Count > 0 && commit.Summary.DefinitionId != "child")));
        await PublishAsync(engine, "child", Array(RunTask("wait", "work"), Output("out", "value", "42")), Array(Connect("wait", "out")));
        var parentDefinition = await PublishParentAsync(engine);
        var committer = (FailingCommitter)engine.Services.GetRequiredService<IWorkflowCommitter>();
        var sweeper = engine.Services.GetRequiredService<ChildWorkflowSweeper>();

        var parent = await engine.ExecuteAsync(parentDefinition);
        var childId = await ChildIdAsync(engine, parent.Summary.Id);
        await engine.RunPendingAsync(childId);
        await CompleteRunTaskAsync(engine, childId);
        committer.FailNext = true;
        var child = await engine.RunPendingAsync(childId);
        var stillWaiting = (await engine.Runtime.GetAsync(parent.Summary.Id))!;
        var resumed = await sweeper.SweepAsync().WaitAsync(EngineHarness.Timeout);
        var again = await sweeper.SweepAsync().WaitAsync(EngineHarness.Timeout);
        var final = await engine.RunPendingAsync(parent.Summary.Id);

        Assert.Equal(WorkflowSubStatus.Finished, child.Summary.SubStatus);
        Assert.Equal(1, committer.Failures);
        Assert.Equal(WorkflowSubStatus.Suspended, stillWaiting.Summary.SubStatus);
        Assert.Equal(1, resumed);
        Assert.Equal(0, again);
        Assert.Equal(WorkflowSubStatus.Finished, final.Summary.SubStatus);
        Assert.Equal(42, final.Output["fromChild"]!["value"]!.GetValue<int>());
    }

    [Fact]
    public async Task RetriedStepAfterCrash_StartsOneChild()
    {
        using var engine = new EngineHarness(services => services.AddSingleton<IWorkflowCommitter>(provider =>
            new FailingCommitter(provider.GetRequiredService<InMemoryWorkflowStore>(), commit => commit.StartedInstances.Count > 0)));
        await PublishAsync(engine, "child", Array(RunTask("wait", "work")), Array());
        var parentDefinition = await PublishParentAsync(engine);
        var committer = (FailingCommitter)engine.Services.GetRequiredService<IWorkflowCommitter>();

        var parentId = await engine.Runtime.DispatchAsync(new StartWorkflowRequest(parentDefinition, Initiator: "alice")).WaitAsync(EngineHarness.Timeout);
        committer.FailNext = true;
        var crash = await Record.ExceptionAsync(() => engine.Runtime.RunPendingAsync(parentId).WaitAsync(EngineHarness.Timeout));
        var childrenAfterCrash = await InstancesOfAsync(engine, "child");
        var recovered = await engine.RunPendingAsync(parentId);
        var children = await InstancesOfAsync(engine, "child");

        Assert.IsType<IOException>(crash);
        Assert.Empty(childrenAfterCrash);
        Assert.Equal(WorkflowSubStatus.Suspended, recovered.Summary.SubStatus);
        var child = Assert.Single(children);
        Assert.Equal(await ChildIdAsync(engine, parentId), child.Id);
        Assert.Equal(WorkflowSubStatus.Pending, child.SubStatus);
    }

    [Fact]
    public async Task CancelledChild_FaultsParentWithIncident()
    {
        using var engine = new EngineHarness();
        await PublishAsync(engine, "child", Array(RunTask("wait", "work")), Array());
        var parent = await engine.ExecuteAsync(await PublishParentAsync(engine));
        var childId = await ChildIdAsync(engine, parent.Summary.Id);
        await engine.RunPendingAsync(childId);

        await engine.Runtime.CancelAsync(childId).WaitAsync(EngineHarness.Timeout);
        var final = await engine.RunPendingAsync(parent.Summary.Id);

        Assert.Equal(WorkflowSubStatus.Faulted, final.Summary.SubStatus);
        var incident = Assert.Single(final.Incidents);
        Assert.Equal("run", incident.ActivityId);
        Assert.Contains(childId, incident.Message);
        Assert.Contains("Cancelled", incident.Message);
    }

    [Fact]
    public async Task FaultedChild_KeepsParentWaiting()
    {
        using var engine = new EngineHarness();
        await PublishAsync(engine, "child", Array(Activity("boom", "Elsa.Fault", ("message", Literal("broken", "String")))), Array());
        var parent = await engine.ExecuteAsync(await PublishParentAsync(engine));
        var childId = await ChildIdAsync(engine, parent.Summary.Id);

        var child = await engine.RunPendingAsync(childId);
        var resumed = await engine.Services.GetRequiredService<ChildWorkflowSweeper>().SweepAsync().WaitAsync(EngineHarness.Timeout);
        var waiting = (await engine.Runtime.GetAsync(parent.Summary.Id))!;

        Assert.Equal(WorkflowSubStatus.Faulted, child.Summary.SubStatus);
        Assert.Equal(0, resumed);
        Assert.Equal(WorkflowSubStatus.Suspended, waiting.Summary.SubStatus);
        Assert.NotNull(await ChildBookmarkAsync(engine, parent.Summary.Id));
    }

    [Fact]
    public async Task CancelParent_CancelsWaitingChild()
    {
        using var engine = new EngineHarness();
        await PublishAsync(engine, "child", Array(RunTask("wait", "work")), Array());
        var parent = await engine.ExecuteAsync(await PublishParentAsync(engine));
        var childId = await ChildIdAsync(engine, parent.Summary.Id);
        await engine.RunPendingAsync(childId);

        await engine.Runtime.CancelAsync(parent.Summary.Id).WaitAsync(EngineHarness.Timeout);

        // The children are cancelled after the parent's commit, outside its lock, so poll for a bounded time.
        var deadline = DateTime.UtcNow + EngineHarness.Timeout;
        WorkflowInstanceView child;
        do
        {
            child = (await engine.Runtime.GetAsync(childId))!;
            if (child.Summary.SubStatus == WorkflowSubStatus.Cancelled || DateTime.UtcNow > deadline)
            {
                break;
            }

            await Task.Delay(20);
        }
        while (true);

        Assert.Equal(WorkflowSubStatus.Cancelled, child.Summary.SubStatus);
        Assert.Equal(WorkflowSubStatus.Cancelled, (await engine.Runtime.GetAsync(parent.Summary.Id))!.Summary.SubStatus);
    }

    [Fact]
    public async Task UnpublishedChild_RejectsPublish()
    {
        using var engine = new EngineHarness();

        var error = await Assert.ThrowsAsync<Validation.DefinitionValidationException>(() => PublishParentAsync(engine, "missing"));

        var entry = Assert.Single(error.Errors);
        Assert.Equal("run", entry.ActivityId);
        Assert.Equal("workflowDefinitionId", entry.Property);
        Assert.Equal("missing", entry.Value);
    }

    [Fact]
    public async Task ParallelBodies_EachWaitForOwnChild()
    {
        using var engine = new EngineHarness();
        await PublishAsync(engine, "child", Array(Output("out", "doubled", "getInput('n') * 2")), Array());
        var loop = Activity("loop", "Elsa.ParallelForEach", ("items", Expr("JavaScript", "[1, 2, 3]")));
        loop["currentValue"] = new JsonObject { ["typeName"] = "Object", ["memoryReference"] = new JsonObject { ["id"] = "item" } };
        loop["body"] = new JsonObject
        {
            ["type"] = "Elsa.Flowchart",
            ["id"] = "body",
            ["activities"] = Array(
                Execute("run", "child", "({ n: variables.item })"),
                Activity("add", "Elsa.SetVariable", ("variable", JsonValue.Create("sum")), ("value", Expr("JavaScript", "variables.sum + getOutputFrom('run', 'result').doubled")))),
            ["connections"] = Array(Connect("run", "add")),
        };
        var parentDefinition = await engine.PublishAsync(
            Array(loop, Output("out", "sum", "variables.sum")),
            Array(Connect("loop", "out")),
            Array(new JsonObject { ["id"] = "item", ["name"] = "item", ["typeName"] = "Object" }, new JsonObject { ["id"] = "sum", ["name"] = "sum", ["typeName"] = "Int32", ["value"] = "0" }));

        var parent = await engine.ExecuteAsync(parentDefinition);
        var bookmarks = await engine.Instances.ListBookmarksAsync(ChildWorkflowBookmarks.BookmarkName, parent.Summary.Id);

        // Every child ends before the parent runs again, so all three bodies resume in one step of the parent.
        foreach (var bookmark in bookmarks)
        {
            await engine.RunPendingAsync(ChildWorkflowBookmarks.ReadChildInstanceId(bookmark.PayloadJson)!);
        }

        var final = await engine.RunPendingAsync(parent.Summary.Id);
        var inputs = new List<int>();
        foreach (var child in await InstancesOfAsync(engine, "child"))
        {
            inputs.Add((await engine.Runtime.GetAsync(child.Id))!.Input["n"]!.GetValue<int>());
        }

        Assert.Equal(3, bookmarks.Count);
        Assert.Equal([1, 2, 3], inputs.Order());
        Assert.Equal(WorkflowSubStatus.Finished, final.Summary.SubStatus);
        Assert.Equal(12, final.Output["sum"]!.GetValue<int>());
    }

    [Fact]
    public async Task DispatchWorkflow_StartsChildWithoutWaiting()
    {
        using var engine = new EngineHarness();
        await PublishAsync(engine, "child", Array(Output("out", "seen", "getInput('amount')")), Array());
        var dispatch = Activity("send", "Elsa.DispatchWorkflow", ("workflowDefinitionId", Literal("child", "String")), ("input", Expr("JavaScript", "({ amount: 7 })")));
        var parentDefinition = await engine.PublishAsync(Array(dispatch, Output("out", "childId", "getOutputFrom('send', 'childInstanceId')")), Array(Connect("send", "out")));

        var parent = await engine.ExecuteAsync(parentDefinition);
        var child = Assert.Single(await InstancesOfAsync(engine, "child"));
        var childDone = await engine.RunPendingAsync(child.Id);

        Assert.Equal(WorkflowSubStatus.Finished, parent.Summary.SubStatus);
        Assert.Equal(child.Id, parent.Output["childId"]!.GetValue<string>());
        Assert.Empty(await engine.Instances.ListBookmarksAsync(ChildWorkflowBookmarks.BookmarkName, parent.Summary.Id));
        Assert.Equal(WorkflowSubStatus.Finished, childDone.Summary.SubStatus);
        Assert.Equal(7, childDone.Output["seen"]!.GetValue<int>());
    }

    private sealed class TimerRecorder(List<DurableTimer> timers) : IDurableTimerScheduler
    {
        public void Schedule(DurableTimer timer) => timers.Add(timer);
    }
}
