using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ModelEngine.HumanTasks.Inbox;
using ModelEngine.HumanTasks.Model;
using ModelEngine.Waterflow.Workflows;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Runtime;
using ModelEngine.Workflows.Tests.Support;
using static ModelEngine.Workflows.Tests.Support.Json;

namespace ModelEngine.Workflows.Tests.Streaming;

public sealed class RunWaterflowTests
{
    private const string Documents = """
        [ { "title": "Policy", "text": "Refunds within 30 days.\n\nShipping is free.\n\nNo cash." },
          { "title": "Notes", "text": "One paragraph only." } ]
        """;

    private static JsonObject ResultOutput() =>
        new() { ["typeName"] = "Object", ["memoryReference"] = new JsonObject { ["id"] = "chunks" } };

    private static async Task<string> PublishSplitAsync(EngineHarness engine, bool withReview = true)
    {
        var run = Activity(
            "split",
            "ModelEngine.RunWaterflow",
            ("flowName", Literal(withReview ? "split-document" : "double", "String")),
            ("items", Expr("JavaScript", withReview ? "input.documents" : "[1, 2, 3]")),
            ("reviewCandidateGroups", Literal("managers", "String[]")));
        run["result"] = ResultOutput();
        return await engine.PublishAsync(
            Array(run, Activity("out", "Elsa.SetOutput", ("outputName", Literal("chunks", "String")), ("outputValue", Expr("JavaScript", "variables.chunks")))),
            Array(Connect("split", "out")),
            Array(new JsonObject { ["id"] = "chunks", ["name"] = "chunks", ["typeName"] = "Object" }));
    }

    [Fact]
    public async Task FlowWithoutReview_StoresOutputs()
    {
        using var engine = new EngineHarness(services => services.AddWaterflow("double", flow => flow.Map(item => (JsonNode?)JsonValue.Create(item!.GetValue<long>() * 2))));
        var id = await PublishSplitAsync(engine, withReview: false);

        var instance = await engine.ExecuteAsync(id);

        Assert.True(instance.Incidents.Count == 0, string.Join("; ", instance.Incidents.Select(incident => incident.Message)));
        Assert.Equal(WorkflowSubStatus.Finished, instance.Summary.SubStatus);
        Assert.Equal("[2,4,6]", instance.Output["chunks"]!.ToJsonString());
        Assert.Contains(await engine.JournalAsync(instance.Summary.Id), entry => entry.EventName == "WaterflowProgress");
    }

    [Fact]
    public async Task ReviewBlock_HoldsItemsInTask()
    {
        using var engine = new EngineHarness();
        var id = await PublishSplitAsync(engine);

        var instance = await engine.ExecuteAsync(id, new JsonObject { ["documents"] = JsonNode.Parse(Documents) });

        Assert.Equal(WorkflowSubStatus.Suspended, instance.Summary.SubStatus);
        var task = Assert.Single(await engine.TaskStore.ListByInstanceAsync(instance.Summary.Id));
        Assert.Equal(["Release"], task.Outcomes);
        var held = task.Data!["held"]!.AsArray();
        Assert.Equal(4, held.Count);
        Assert.Equal("Shipping is free.", held[1]!["value"]!["text"]!.GetValue<string>());
        Assert.NotNull(task.FormSchema);
    }

    [Fact]
    public async Task ReleaseSelected_RunsRestOnReleasedOnly()
    {
        using var engine = new EngineHarness();
        var id = await PublishSplitAsync(engine);
        var instance = await engine.ExecuteAsync(id, new JsonObject { ["documents"] = JsonNode.Parse(Documents) });
        var task = Assert.Single(await engine.TaskStore.ListByInstanceAsync(instance.Summary.Id));
        var held = task.Data!["held"]!.AsArray();
        var bob = EngineHarness.User("bob", "managers");

        await engine.Tasks.ClaimAsync(task.Id, bob, null);
        var release = new JsonObject { ["release"] = new JsonArray(held[0]!["id"]!.GetValue<string>(), held[3]!["id"]!.GetValue<string>()) };
        await engine.Tasks.CompleteAsync(task.Id, bob, new TaskCompletion("Release", null, release), null);
        var finished = await engine.RunPendingAsync(instance.Summary.Id);

        Assert.Equal(WorkflowSubStatus.Finished, finished.Summary.SubStatus);
        var chunks = finished.Output["chunks"]!.AsArray();
        Assert.Equal(2, chunks.Count);
        Assert.Equal("Refunds within 30 days.", chunks[0]!["text"]!.GetValue<string>());
        Assert.Equal(4, chunks[0]!["words"]!.GetValue<int>());
        Assert.Equal("One paragraph only.", chunks[1]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task HeldItems_SurviveStateRoundTrip()
    {
        using var engine = new EngineHarness();
        var id = await PublishSplitAsync(engine);
        var instance = await engine.ExecuteAsync(id, new JsonObject { ["documents"] = JsonNode.Parse(Documents) });

        // Reading the stored state, as a restarted server would, shows the held items survive the step.
        var snapshot = (await engine.Instances.LoadAsync(instance.Summary.Id))!;
        var state = WorkflowStateSerializer.Deserialize(snapshot.StateJson);
        var held = state.Activities.Single(activity => activity.NodeId.EndsWith(":split", StringComparison.Ordinal)).Properties["held"]!.AsArray();
        Assert.Equal(4, held.Count);

        var task = Assert.Single(await engine.TaskStore.ListByInstanceAsync(instance.Summary.Id));
        var bob = EngineHarness.User("bob", "managers");
        await engine.Tasks.ClaimAsync(task.Id, bob, null);
        await engine.Tasks.CompleteAsync(task.Id, bob, new TaskCompletion("Release", null, new JsonObject { ["release"] = "all" }), null);
        var finished = await engine.RunPendingAsync(instance.Summary.Id);

        Assert.Equal(4, finished.Output["chunks"]!.AsArray().Count);
    }

    [Fact]
    public async Task CancelWhileHeld_TaskExited()
    {
        using var engine = new EngineHarness();
        var id = await PublishSplitAsync(engine);
        var instance = await engine.ExecuteAsync(id, new JsonObject { ["documents"] = JsonNode.Parse(Documents) });

        await engine.Runtime.CancelAsync(instance.Summary.Id);

        Assert.Equal(HumanTaskStatus.Exited, Assert.Single(await engine.TaskStore.ListByInstanceAsync(instance.Summary.Id)).Status);
    }

    [Fact]
    public async Task UnknownFlow_FaultsNamingRegisteredFlows()
    {
        using var engine = new EngineHarness();
        var id = await engine.PublishAsync(
            Array(Activity("split", "ModelEngine.RunWaterflow", ("flowName", Literal("nope", "String")), ("items", Expr("JavaScript", "[]")))),
            Array());

        var instance = await engine.ExecuteAsync(id);

        Assert.Equal(WorkflowSubStatus.Faulted, instance.Summary.SubStatus);
        Assert.Contains("split-document", Assert.Single(instance.Incidents).Message, StringComparison.Ordinal);
    }
}
