using System.Text.Json.Nodes;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Runtime;
using ModelEngine.Workflows.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static ModelEngine.Workflows.Tests.Support.Json;

namespace ModelEngine.Workflows.Tests.Activities;

public sealed class ActivityTests
{
    [Fact]
    public async Task SetVariable_ThenDecision_TakesTrue()
    {
        using var engine = new EngineHarness();
        var id = await engine.PublishAsync(
            Array(
                Activity("set", "Elsa.SetVariable", ("variable", new JsonObject { ["id"] = "v1", ["name"] = "Total" }), ("value", Expr("JavaScript", "input.a + input.b"))),
                Activity("check", "Elsa.FlowDecision", ("condition", Expr("JavaScript", "getTotal() == 5", "Boolean"))),
                Activity("yes", "Elsa.SetOutput", ("outputName", Literal("path", "String")), ("outputValue", Literal("true-branch")))),
            Array(Connect("set", "check"), Connect("check", "yes", "True")),
            Array(new JsonObject { ["id"] = "v1", ["name"] = "Total", ["typeName"] = "Int32" }));

        var instance = await engine.ExecuteAsync(id, new JsonObject { ["a"] = 2, ["b"] = 3 });

        Assert.Equal("5", instance.Variables["Total"]!.ToJsonString());
        Assert.Equal("true-branch", instance.Output["path"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("MatchFirst", new[] { "big" })]
    [InlineData("MatchAny", new[] { "big", "even" })]
    public async Task FlowSwitch_Mode_SelectsCases(string mode, string[] expected)
    {
        using var engine = new EngineHarness();
        var cases = JsonNode.Parse("""
            [ { "label": "big", "condition": { "type": "JavaScript", "value": "input.n > 10" } },
              { "label": "even", "condition": { "type": "JavaScript", "value": "input.n % 2 == 0" } } ]
            """)!;
        var id = await engine.PublishAsync(
            Array(
                Activity("switch", "Elsa.FlowSwitch", ("cases", cases), ("mode", Literal(mode, "String"))),
                Activity("big", "Elsa.WriteLine", ("text", Literal("big", "String"))),
                Activity("even", "Elsa.WriteLine", ("text", Literal("even", "String"))),
                Activity("other", "Elsa.WriteLine", ("text", Literal("other", "String")))),
            Array(Connect("switch", "big", "big"), Connect("switch", "even", "even"), Connect("switch", "other", "Default")));

        var instance = await engine.ExecuteAsync(id, new JsonObject { ["n"] = 12 });

        var completed = await engine.CompletedActivitiesAsync(instance.Summary.Id);
        Assert.Equal(expected, completed.Where(activity => activity != "switch").Order().ToArray());
    }

    [Fact]
    public async Task FlowSwitch_NoMatch_TakesDefault()
    {
        using var engine = new EngineHarness();
        var cases = JsonNode.Parse("""[ { "label": "big", "condition": { "type": "JavaScript", "value": "input.n > 10" } } ]""")!;
        var id = await engine.PublishAsync(
            Array(Activity("switch", "Elsa.FlowSwitch", ("cases", cases)), Activity("other", "Elsa.WriteLine", ("text", Literal("o", "String")))),
            Array(Connect("switch", "other", "Default")));

        var instance = await engine.ExecuteAsync(id, new JsonObject { ["n"] = 1 });

        Assert.Contains("other", await engine.CompletedActivitiesAsync(instance.Summary.Id));
    }

    [Fact]
    public async Task WriteLine_WritesJournalText()
    {
        using var engine = new EngineHarness();
        var id = await engine.PublishAsync(Array(Activity("w", "Elsa.WriteLine", ("text", Expr("Liquid", "Hello {{ Input.name }}", "String")))), Array());

        var instance = await engine.ExecuteAsync(id, new JsonObject { ["name"] = "Ada" });

        Assert.Contains(await engine.JournalAsync(instance.Summary.Id), entry => entry.EventName == JournalEvents.WriteLine && entry.Message == "Hello Ada");
    }

    [Fact]
    public async Task Delay_CommitsTimerAtDueTime_ThenResumes()
    {
        var scheduled = new List<DurableTimer>();
        using var engine = new EngineHarness(services => services.AddSingleton<IDurableTimerScheduler>(new RecordingScheduler(scheduled)));
        var id = await engine.PublishAsync(
            Array(Activity("wait", "Elsa.Delay", ("timeSpan", Literal("00:05:00", "TimeSpan"))), Activity("after", "Elsa.WriteLine", ("text", Literal("done", "String")))),
            Array(Connect("wait", "after")));

        var instance = await engine.ExecuteAsync(id);

        Assert.Equal(WorkflowSubStatus.Suspended, instance.Summary.SubStatus);
        var timer = Assert.Single(scheduled);
        Assert.Equal(engine.Clock.GetUtcNow() + TimeSpan.FromMinutes(5), timer.DueAt);
        var timers = engine.Services.GetRequiredService<IDurableTimerStore>();
        Assert.Empty(await timers.ListDueAsync(engine.Clock.GetUtcNow(), 10));

        engine.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Single(await timers.ListDueAsync(engine.Clock.GetUtcNow(), 10));
        Assert.True(await timers.TryClaimAsync(timer.Id, engine.Clock.GetUtcNow(), TimeSpan.FromMinutes(1)));
        await engine.Runtime.ResumeAsync(new ResumeWorkflowRequest(timer.WorkflowInstanceId, timer.BookmarkId));
        var finished = await engine.RunPendingAsync(instance.Summary.Id);

        Assert.Equal(WorkflowSubStatus.Finished, finished.Summary.SubStatus);
        Assert.Empty(await timers.ListDueAsync(engine.Clock.GetUtcNow().AddHours(1), 10));
    }

    [Fact]
    public async Task RunTask_ResumesWithResult()
    {
        using var engine = new EngineHarness();
        var id = await engine.PublishAsync(
            Array(
                Activity("run", "Elsa.RunTask", ("taskName", Literal("ship", "String")), ("payload", Expr("JavaScript", "({ order: 7 })"))),
                Activity("out", "Elsa.SetOutput", ("outputName", Literal("tracking", "String")), ("outputValue", Expr("JavaScript", "getLastResult().tracking")))),
            Array(Connect("run", "out")));
        var instance = await engine.ExecuteAsync(id);

        var bookmark = Assert.Single(await engine.Instances.ListBookmarksAsync("ModelEngine.RunTask", instance.Summary.Id));
        var payload = JsonNode.Parse(bookmark.PayloadJson!)!;
        Assert.Equal("ship", payload["taskName"]!.GetValue<string>());
        Assert.Equal(7, payload["payload"]!["order"]!.GetValue<int>());

        await engine.Runtime.ResumeAsync(new ResumeWorkflowRequest(instance.Summary.Id, bookmark.Id, new JsonObject { ["tracking"] = "T-1" }));
        var finished = await engine.RunPendingAsync(instance.Summary.Id);

        Assert.Equal("T-1", finished.Output["tracking"]!.GetValue<string>());
    }

    [Fact]
    public async Task ScriptTimeout_RecordsIncident()
    {
        using var engine = new EngineHarness(services => services.Configure<Scripting.JavaScript.JavaScriptOptions>(options => options.TimeoutSeconds = 1));
        var id = await engine.PublishAsync(Array(Activity("spin", "Elsa.WriteLine", ("text", Expr("JavaScript", "while (true) {}", "String")))), Array());

        var instance = await engine.ExecuteAsync(id);

        Assert.Equal(WorkflowSubStatus.Faulted, instance.Summary.SubStatus);
        var incident = Assert.Single(instance.Incidents);
        Assert.Equal("spin", incident.ActivityId);
        Assert.Contains("TimeoutSeconds", incident.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownActivity_InDraftRun_FaultsNotCrashes()
    {
        using var engine = new EngineHarness();
        var model = new JsonObject
        {
            ["definitionId"] = "draft-unknown",
            ["root"] = new JsonObject { ["type"] = "Elsa.Flowchart", ["id"] = "root", ["activities"] = Array(Activity("x", "Nope.Missing")), ["connections"] = Array() },
        };
        var saved = await engine.Definitions.SaveAsync(model, publish: false, "dave");

        var instance = await engine.Runtime.ExecuteAsync(new StartWorkflowRequest("draft-unknown", VersionId: saved.Definition.Id));

        Assert.Equal(WorkflowSubStatus.Faulted, instance.Summary.SubStatus);
        Assert.Contains("Nope.Missing", Assert.Single(instance.Incidents).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Instance_RunsVersionItStartedWith()
    {
        using var engine = new EngineHarness();
        var v1 = await engine.PublishAsync(
            Array(Activity("approve", "ModelEngine.UserTask", ("title", Literal("A", "String")), ("candidateGroups", Literal("managers", "String[]"))), Activity("out", "Elsa.SetOutput", ("outputName", Literal("v", "String")), ("outputValue", Literal("one")))),
            Array(Connect("approve", "out", "Approve")));
        var instance = await engine.ExecuteAsync(v1);
        var model = (await engine.Definitions.GetLatestAsync(v1))!;
        model["root"]!["activities"]![1]!["outputValue"] = Literal("two");
        await engine.Definitions.SaveAsync(model, publish: true, "dave");

        var finished = await Flowcharts.FlowchartRuleTests.CompleteOnlyTaskAsync(engine, instance.Summary.Id, "Approve");

        Assert.Equal("one", finished.Output["v"]!.GetValue<string>());
    }

    [Fact]
    public async Task Retry_FaultedStep_RunsAgainAndFinishes()
    {
        using var engine = new EngineHarness();
        var id = await engine.PublishAsync(
            Array(
                Activity("check", "Elsa.FlowDecision", ("condition", Expr("JavaScript", "if (!getVariable('ready')) { throw new Error('stock system down'); } true", "Boolean"))),
                Activity("done", "Elsa.SetOutput", ("outputName", Literal("ok", "String")), ("outputValue", Literal(true)))),
            Array(Connect("check", "done", "True")),
            Array(new JsonObject { ["id"] = "ready", ["name"] = "ready", ["typeName"] = "Boolean", ["value"] = "false" }));
        var faulted = await engine.ExecuteAsync(id);
        Assert.Equal(WorkflowSubStatus.Faulted, faulted.Summary.SubStatus);
        Assert.Contains("stock system down", Assert.Single(faulted.Incidents).Message, StringComparison.Ordinal);

        await Assert.ThrowsAsync<WorkflowNotFoundException>(() => engine.Runtime.RetryAsync("no-such-instance"));

        // Repair the cause, as an operator would, before retrying.
        var snapshot = (await engine.Instances.LoadAsync(faulted.Summary.Id))!;
        var state = WorkflowStateSerializer.Deserialize(snapshot.StateJson);
        state.Variables["ready"] = true;
        await engine.Services.GetRequiredService<IWorkflowCommitter>().CommitAsync(new WorkflowCommit
        {
            Summary = snapshot.Summary with { Revision = snapshot.Summary.Revision + 1 },
            StateJson = WorkflowStateSerializer.Serialize(state),
            ExpectedRevision = snapshot.Summary.Revision,
        });

        var retried = await engine.Runtime.RetryAsync(faulted.Summary.Id);
        Assert.Empty(retried.Incidents);
        Assert.Equal(WorkflowSubStatus.Pending, retried.Summary.SubStatus);
        var finished = await engine.RunPendingAsync(faulted.Summary.Id);

        Assert.Equal(WorkflowSubStatus.Finished, finished.Summary.SubStatus);
        Assert.True(finished.Output["ok"]!.GetValue<bool>());
        await Assert.ThrowsAsync<WorkflowConflictException>(() => engine.Runtime.RetryAsync(faulted.Summary.Id));
    }

    private sealed class RecordingScheduler(List<DurableTimer> timers) : IDurableTimerScheduler
    {
        public void Schedule(DurableTimer timer) => timers.Add(timer);
    }
}
