using System.Text.Json.Nodes;
using ModelEngine.HumanTasks.Inbox;
using ModelEngine.HumanTasks.Model;
using ModelEngine.Workflows.Runtime;
using ModelEngine.Workflows.Tests.Support;
using static ModelEngine.Workflows.Tests.Support.Json;

namespace ModelEngine.Workflows.Tests.Flowcharts;

/// <summary>Pins each flowchart rule that docs/flowchart-semantics.md states.</summary>
public sealed class FlowchartRuleTests
{
    private static JsonObject Write(string id, string text = "x") => Activity(id, "Elsa.WriteLine", ("text", Literal(text, "String")));

    private static JsonObject Task(string id, string group = "managers") =>
        Activity(id, "ModelEngine.UserTask", ("title", Literal("Approve " + id, "String")), ("candidateGroups", Literal(group, "String[]")));

    private static JsonObject Fork(string id, string branches) => Activity(id, "Elsa.FlowFork", ("branches", Literal(branches, "String[]")));

    private static JsonObject Join(string id, string mode) => Activity(id, "Elsa.FlowJoin", ("mode", Literal(mode, "String")));

    [Fact]
    public async Task NoImplicitJoin_TwoTokens_RunTargetTwice()
    {
        using var engine = new EngineHarness();
        var id = await engine.PublishAsync(
            Array(Fork("fork", "a,b"), Write("a"), Write("b"), Write("after")),
            Array(Connect("fork", "a", "a"), Connect("fork", "b", "b"), Connect("a", "after"), Connect("b", "after")));

        var instance = await engine.ExecuteAsync(id);

        Assert.Equal(WorkflowSubStatus.Finished, instance.Summary.SubStatus);
        Assert.Equal(2, (await engine.CompletedActivitiesAsync(instance.Summary.Id)).Count(activity => activity == "after"));
    }

    [Fact]
    public async Task WaitAll_BothBranchesArrive_FiresOnce()
    {
        using var engine = new EngineHarness();
        var id = await engine.PublishAsync(
            Array(Fork("fork", "a,b"), Write("a"), Write("b"), Join("join", "WaitAll"), Write("after")),
            Array(Connect("fork", "a", "a"), Connect("fork", "b", "b"), Connect("a", "join"), Connect("b", "join"), Connect("join", "after")));

        var instance = await engine.ExecuteAsync(id);

        var completed = await engine.CompletedActivitiesAsync(instance.Summary.Id);
        Assert.Equal(WorkflowSubStatus.Finished, instance.Summary.SubStatus);
        Assert.Single(completed, activity => activity == "join");
        Assert.Single(completed, activity => activity == "after");
        Assert.True(completed.ToList().IndexOf("join") > completed.ToList().IndexOf("b"), "the join ran before its second branch");
    }

    [Fact]
    public async Task WaitAll_WaitsForBranchBlockedOnTask()
    {
        using var engine = new EngineHarness();
        var id = await engine.PublishAsync(
            Array(Fork("fork", "a,b"), Write("a"), Task("b"), Join("join", "WaitAll"), Write("after")),
            Array(Connect("fork", "a", "a"), Connect("fork", "b", "b"), Connect("a", "join"), Connect("b", "join", "Approve"), Connect("join", "after")));

        var instance = await engine.ExecuteAsync(id);
        Assert.Equal(WorkflowSubStatus.Suspended, instance.Summary.SubStatus);
        Assert.DoesNotContain("join", await engine.CompletedActivitiesAsync(instance.Summary.Id));

        var finished = await CompleteOnlyTaskAsync(engine, instance.Summary.Id, "Approve");

        Assert.Equal(WorkflowSubStatus.Finished, finished.Summary.SubStatus);
        Assert.Single(await engine.CompletedActivitiesAsync(instance.Summary.Id), activity => activity == "after");
    }

    [Fact]
    public async Task WaitAll_PathNotTaken_Fires()
    {
        using var engine = new EngineHarness();
        var id = await engine.PublishAsync(
            Array(
                Activity("decide", "Elsa.FlowDecision", ("condition", Expr("JavaScript", "false", "Boolean"))),
                Write("yes"),
                Write("no"),
                Join("join", "WaitAll"),
                Write("after")),
            Array(Connect("decide", "yes", "True"), Connect("decide", "no", "False"), Connect("yes", "join"), Connect("no", "join"), Connect("join", "after")));

        var instance = await engine.ExecuteAsync(id);

        var completed = await engine.CompletedActivitiesAsync(instance.Summary.Id);
        Assert.Equal(WorkflowSubStatus.Finished, instance.Summary.SubStatus);
        Assert.DoesNotContain("yes", completed);
        Assert.Single(completed, activity => activity == "after");
    }

    [Fact]
    public async Task WaitAny_FirstToken_CancelsTask()
    {
        using var engine = new EngineHarness();
        var id = await engine.PublishAsync(
            Array(Fork("fork", "b,a"), Task("b"), Write("a"), Join("join", "WaitAny"), Write("after")),
            Array(Connect("fork", "b", "b"), Connect("fork", "a", "a"), Connect("a", "join"), Connect("b", "join", "Approve"), Connect("join", "after")));

        var instance = await engine.ExecuteAsync(id);

        var tasks = await engine.TaskStore.ListByInstanceAsync(instance.Summary.Id);
        Assert.Equal(WorkflowSubStatus.Finished, instance.Summary.SubStatus);
        Assert.Equal(HumanTaskStatus.Obsolete, Assert.Single(tasks).Status);
        Assert.Single(await engine.CompletedActivitiesAsync(instance.Summary.Id), activity => activity == "after");
    }

    [Fact]
    public async Task MergeModeRace_MapsToWaitAny()
    {
        using var engine = new EngineHarness();
        var race = Write("after");
        race["customProperties"] = new JsonObject { ["mergeMode"] = "Race" };
        var id = await engine.PublishAsync(
            Array(Fork("fork", "a,b"), Write("a"), Write("b"), race),
            Array(Connect("fork", "a", "a"), Connect("fork", "b", "b"), Connect("a", "after"), Connect("b", "after")));

        var instance = await engine.ExecuteAsync(id);

        Assert.Single(await engine.CompletedActivitiesAsync(instance.Summary.Id), activity => activity == "after");
    }

    [Fact]
    public async Task MergeModeMerge_MapsToWaitAll()
    {
        using var engine = new EngineHarness();
        var merge = Write("after");
        merge["customProperties"] = new JsonObject { ["mergeMode"] = "Merge" };
        var id = await engine.PublishAsync(
            Array(Fork("fork", "a,b"), Write("a"), Write("b"), merge),
            Array(Connect("fork", "a", "a"), Connect("fork", "b", "b"), Connect("a", "after"), Connect("b", "after")));

        var instance = await engine.ExecuteAsync(id);

        var completed = await engine.CompletedActivitiesAsync(instance.Summary.Id);
        Assert.Single(completed, activity => activity == "after");
        Assert.Equal("after", completed[^1]);
    }

    [Fact]
    public async Task JoinInLoop_ResetsEachIteration()
    {
        using var engine = new EngineHarness();
        var id = await engine.PublishAsync(
            Array(
                Activity("init", "Elsa.SetVariable", ("variable", JsonValue.Create("count")), ("value", Literal(0))),
                Fork("fork", "a,b"),
                Write("a"),
                Write("b"),
                Join("join", "WaitAll"),
                Activity("inc", "Elsa.SetVariable", ("variable", JsonValue.Create("count")), ("value", Expr("JavaScript", "variables.count + 1"))),
                Activity("again", "Elsa.FlowDecision", ("condition", Expr("JavaScript", "variables.count < 3", "Boolean")))),
            Array(
                Connect("init", "fork"), Connect("fork", "a", "a"), Connect("fork", "b", "b"), Connect("a", "join"), Connect("b", "join"),
                Connect("join", "inc"), Connect("inc", "again"), Connect("again", "fork", "True")),
            Array(new JsonObject { ["id"] = "count", ["name"] = "count", ["typeName"] = "Int32", ["value"] = "0" }));

        var instance = await engine.ExecuteAsync(id);

        Assert.Equal(WorkflowSubStatus.Finished, instance.Summary.SubStatus);
        Assert.Equal("3", instance.Variables["count"]!.ToJsonString());
        Assert.Equal(3, (await engine.CompletedActivitiesAsync(instance.Summary.Id)).Count(activity => activity == "join"));
    }

    [Fact]
    public async Task Completion_WaitsForEveryBranch()
    {
        using var engine = new EngineHarness();
        var id = await engine.PublishAsync(
            Array(Fork("fork", "a,b"), Write("a"), Task("b")),
            Array(Connect("fork", "a", "a"), Connect("fork", "b", "b")));

        var instance = await engine.ExecuteAsync(id);
        Assert.Equal(WorkflowSubStatus.Suspended, instance.Summary.SubStatus);

        var finished = await CompleteOnlyTaskAsync(engine, instance.Summary.Id, "Reject");
        Assert.Equal(WorkflowSubStatus.Finished, finished.Summary.SubStatus);
    }

    [Fact]
    public async Task End_EndsBranchOnly()
    {
        using var engine = new EngineHarness();
        var id = await engine.PublishAsync(
            Array(Fork("fork", "a,b"), Activity("end", "Elsa.End"), Write("b"), Write("c")),
            Array(Connect("fork", "end", "a"), Connect("fork", "b", "b"), Connect("b", "c")));

        var instance = await engine.ExecuteAsync(id);

        Assert.Equal(WorkflowSubStatus.Finished, instance.Summary.SubStatus);
        Assert.Contains("c", await engine.CompletedActivitiesAsync(instance.Summary.Id));
    }

    [Fact]
    public async Task Finish_EndsInstance_OpenTasksObsolete()
    {
        using var engine = new EngineHarness();
        var id = await engine.PublishAsync(
            Array(Fork("fork", "a,b"), Task("a"), Activity("finish", "Elsa.Finish")),
            Array(Connect("fork", "a", "a"), Connect("fork", "finish", "b")));

        var instance = await engine.ExecuteAsync(id);

        Assert.Equal(WorkflowSubStatus.Finished, instance.Summary.SubStatus);
        Assert.Equal(HumanTaskStatus.Obsolete, Assert.Single(await engine.TaskStore.ListByInstanceAsync(instance.Summary.Id)).Status);
        Assert.Empty((await engine.Runtime.GetAsync(instance.Summary.Id))!.Incidents);

        // Only the abandoned branch is cancelled; the flowchart that contains the Finish completes with it.
        var journal = await engine.JournalAsync(instance.Summary.Id);
        Assert.Equal(["a"], journal.Where(entry => entry.EventName == JournalEvents.ActivityCancelled).Select(entry => entry.ActivityId));
        Assert.Contains(journal, entry => entry.EventName == JournalEvents.ActivityCompleted && entry.ActivityId == "root");
    }

    [Fact]
    public async Task Fault_FaultsInstance_KeepsTasksOpen()
    {
        using var engine = new EngineHarness();
        var id = await engine.PublishAsync(
            Array(Fork("fork", "a,b"), Task("a"), Activity("fault", "Elsa.Fault", ("message", Literal("stock system down", "String")))),
            Array(Connect("fork", "a", "a"), Connect("fork", "fault", "b")));

        var instance = await engine.ExecuteAsync(id);

        Assert.Equal(WorkflowSubStatus.Faulted, instance.Summary.SubStatus);
        var incident = Assert.Single(instance.Incidents);
        Assert.Equal("fault", incident.ActivityId);
        Assert.Contains("stock system down", incident.Message, StringComparison.Ordinal);
        Assert.Equal(HumanTaskStatus.Ready, Assert.Single(await engine.TaskStore.ListByInstanceAsync(instance.Summary.Id)).Status);
    }

    internal static async Task<WorkflowInstanceView> CompleteOnlyTaskAsync(EngineHarness engine, string instanceId, string outcome)
    {
        var task = Assert.Single(await engine.TaskStore.ListByInstanceAsync(instanceId), candidate => candidate.Status.IsOpen());
        var bob = EngineHarness.User("bob", "managers");
        await engine.Tasks.ClaimAsync(task.Id, bob, null).WaitAsync(EngineHarness.Timeout);
        await engine.Tasks.CompleteAsync(task.Id, bob, new TaskCompletion(outcome, "ok"), null).WaitAsync(EngineHarness.Timeout);
        return await engine.RunPendingAsync(instanceId);
    }
}
