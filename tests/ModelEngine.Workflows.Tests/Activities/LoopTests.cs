using System.Text.Json.Nodes;
using ModelEngine.Workflows.Runtime;
using ModelEngine.Workflows.Tests.Support;
using static ModelEngine.Workflows.Tests.Support.Json;

namespace ModelEngine.Workflows.Tests.Activities;

public sealed class LoopTests
{
    private static JsonObject Variable(string name, string value) =>
        new() { ["id"] = name, ["name"] = name, ["typeName"] = "Int32", ["value"] = value };

    private static JsonObject Body(JsonArray activities, JsonArray connections) => new()
    {
        ["type"] = "Elsa.Flowchart",
        ["id"] = "body",
        ["activities"] = activities,
        ["connections"] = connections,
    };

    private static JsonObject Increment(string id, string variable, string by = "1") =>
        Activity(id, "Elsa.SetVariable", ("variable", JsonValue.Create(variable)), ("value", Expr("JavaScript", $"variables.{variable} + {by}")));

    [Fact]
    public async Task While_RunsUntilConditionFalse()
    {
        using var engine = new EngineHarness();
        var loop = Activity("loop", "Elsa.While", ("condition", Expr("JavaScript", "variables.n < 4", "Boolean")));
        loop["body"] = Increment("inc", "n");
        var id = await engine.PublishAsync(
            Array(loop, Activity("after", "Elsa.SetOutput", ("outputName", Literal("n", "String")), ("outputValue", Expr("JavaScript", "variables.n")))),
            Array(Connect("loop", "after")),
            Array(Variable("n", "0")));

        var instance = await engine.ExecuteAsync(id);

        Assert.Equal(WorkflowSubStatus.Finished, instance.Summary.SubStatus);
        Assert.Equal("4", instance.Output["n"]!.ToJsonString());
    }

    [Fact]
    public async Task ForEach_VisitsEachItemInOrder()
    {
        using var engine = new EngineHarness();
        var loop = Activity("loop", "Elsa.ForEach", ("items", Expr("JavaScript", "[3, 4, 5]")));
        loop["currentValue"] = new JsonObject { ["typeName"] = "Object", ["memoryReference"] = new JsonObject { ["id"] = "item" } };
        loop["body"] = Activity("add", "Elsa.SetVariable", ("variable", JsonValue.Create("trail")), ("value", Expr("JavaScript", "variables.trail + variables.item + ';'")));
        var id = await engine.PublishAsync(
            Array(loop),
            Array(),
            Array(Variable("item", "0"), new JsonObject { ["id"] = "trail", ["name"] = "trail", ["typeName"] = "String", ["value"] = "" }));

        var instance = await engine.ExecuteAsync(id);

        Assert.Equal("3;4;5;", instance.Variables["trail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Break_EndsLoopAndFlowContinues()
    {
        using var engine = new EngineHarness();
        var loop = Activity("loop", "Elsa.While", ("condition", Literal(true, "Boolean")));
        loop["body"] = Body(
            Array(
                Increment("inc", "n"),
                Activity("check", "Elsa.FlowDecision", ("condition", Expr("JavaScript", "variables.n >= 3", "Boolean"))),
                Activity("stop", "Elsa.Break")),
            Array(Connect("inc", "check"), Connect("check", "stop", "True")));
        var id = await engine.PublishAsync(
            Array(loop, Activity("after", "Elsa.SetOutput", ("outputName", Literal("n", "String")), ("outputValue", Expr("JavaScript", "variables.n")))),
            Array(Connect("loop", "after")),
            Array(Variable("n", "0")));

        var instance = await engine.ExecuteAsync(id);

        Assert.Equal(WorkflowSubStatus.Finished, instance.Summary.SubStatus);
        Assert.Equal("3", instance.Output["n"]!.ToJsonString());
    }

    [Fact]
    public async Task ForEach_WaitsOnTaskInsideBody()
    {
        using var engine = new EngineHarness();
        var loop = Activity("loop", "Elsa.ForEach", ("items", Expr("JavaScript", "['a', 'b']")));
        loop["body"] = Activity("approve", "ModelEngine.UserTask", ("title", Literal("Approve", "String")), ("candidateGroups", Literal("managers", "String[]")));
        var id = await engine.PublishAsync(Array(loop), Array());

        var instance = await engine.ExecuteAsync(id);
        Assert.Equal(WorkflowSubStatus.Suspended, instance.Summary.SubStatus);

        var afterFirst = await Flowcharts.FlowchartRuleTests.CompleteOnlyTaskAsync(engine, instance.Summary.Id, "Approve");
        Assert.Equal(WorkflowSubStatus.Suspended, afterFirst.Summary.SubStatus);

        var afterSecond = await Flowcharts.FlowchartRuleTests.CompleteOnlyTaskAsync(engine, instance.Summary.Id, "Approve");
        Assert.Equal(WorkflowSubStatus.Finished, afterSecond.Summary.SubStatus);
        Assert.Equal(2, (await engine.TaskStore.ListByInstanceAsync(instance.Summary.Id)).Count);
    }

    [Fact]
    public async Task Break_OutsideLoop_Faults()
    {
        using var engine = new EngineHarness();
        var id = await engine.PublishAsync(Array(Activity("stop", "Elsa.Break")), Array());

        var instance = await engine.ExecuteAsync(id);

        Assert.Equal(WorkflowSubStatus.Faulted, instance.Summary.SubStatus);
        Assert.Equal("stop", Assert.Single(instance.Incidents).ActivityId);
    }
}
