using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ModelEngine.HumanTasks.Inbox;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Runtime;
using ModelEngine.Workflows.Tests.Support;
using ModelEngine.Workflows.Validation;

namespace ModelEngine.Workflows.Tests.Definitions;

public sealed class ElsaImportTests
{
    private static JsonObject LoadFixture() =>
        (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "elsa-expense-approval.json")))!;

    private static JsonObject WithoutUnknownActivity()
    {
        var model = LoadFixture();
        var activities = (JsonArray)model["root"]!["activities"]!;
        activities.Remove(activities.Single(activity => activity!["id"]!.GetValue<string>() == "legacy1"));
        return model;
    }

    [Fact]
    public async Task SaveDraft_UnknownType_KeepsItAndWarns()
    {
        using var engine = new EngineHarness();

        var result = await engine.Definitions.SaveAsync(LoadFixture(), publish: false, "dave");

        var warning = Assert.Single(result.Warnings);
        Assert.Equal("legacy1", warning.ActivityId);
        Assert.Contains("Acme.Crm.SyncCustomer", warning.Message, StringComparison.Ordinal);
        var stored = (await engine.Definitions.GetLatestAsync("expense-approval"))!;
        var legacy = stored["root"]!["activities"]!.AsArray().Single(activity => activity!["id"]!.GetValue<string>() == "legacy1")!;
        Assert.Equal("c-1", legacy["customerId"]!["expression"]!["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task SaveDraft_KeepsMetadataAndCustomProperties()
    {
        using var engine = new EngineHarness();

        await engine.Definitions.SaveAsync(LoadFixture(), publish: false, "dave");

        var stored = (await engine.Definitions.GetLatestAsync("expense-approval"))!;
        Assert.Equal("finance", stored["customProperties"]!["owner"]!.GetValue<string>());
        var start = stored["root"]!["activities"]![0]!;
        Assert.Equal(-200, start["metadata"]!["designer"]!["position"]!["x"]!.GetValue<int>());
        Assert.Equal(2, stored["variables"]!.AsArray().Count);
    }

    [Fact]
    public async Task Publish_UnknownType_Refused()
    {
        using var engine = new EngineHarness();

        var error = await Assert.ThrowsAsync<DefinitionValidationException>(() => engine.Definitions.SaveAsync(LoadFixture(), publish: true, "dave"));

        Assert.Contains(error.Errors, e => e.ActivityId == "legacy1" && e.Property == "type");
    }

    [Fact]
    public async Task Import_ElsaFile_RunsToApproval()
    {
        using var engine = new EngineHarness();
        var saved = await engine.Definitions.ImportAsync(WithoutUnknownActivity(), "dave");
        Assert.True(saved.Definition.IsPublished);
        Assert.Equal("expense-approval", saved.Definition.DefinitionId);

        var instance = await engine.ExecuteAsync("expense-approval", new JsonObject { ["amount"] = 2500 }, initiator: "alice");

        Assert.Equal(WorkflowSubStatus.Suspended, instance.Summary.SubStatus);
        var task = Assert.Single(await engine.TaskStore.ListByInstanceAsync(instance.Summary.Id));
        Assert.Equal("Approve 2500", task.Title);
        Assert.Equal("alice", task.Data!["requester"]!.GetValue<string>());
        Assert.Equal(["managers"], task.CandidateGroups);

        var bob = EngineHarness.User("bob", "managers");
        await engine.Tasks.ClaimAsync(task.Id, bob, null);
        await engine.Tasks.CompleteAsync(task.Id, bob, new TaskCompletion("Approve"), null);
        var finished = await engine.RunPendingAsync(instance.Summary.Id);

        Assert.Equal(WorkflowSubStatus.Finished, finished.Summary.SubStatus);
        Assert.Equal("approved by bob", finished.Output["result"]!.GetValue<string>());
    }

    [Fact]
    public async Task Import_SmallAmount_NoTask()
    {
        using var engine = new EngineHarness();
        await engine.Definitions.ImportAsync(WithoutUnknownActivity(), "dave");

        var instance = await engine.ExecuteAsync("expense-approval", new JsonObject { ["amount"] = 10 });

        Assert.Equal(WorkflowSubStatus.Finished, instance.Summary.SubStatus);
        Assert.Equal("auto", instance.Output["result"]!.GetValue<string>());
        Assert.Empty(await engine.TaskStore.ListByInstanceAsync(instance.Summary.Id));
    }

    [Fact]
    public async Task Publish_ListsEveryError()
    {
        using var engine = new EngineHarness();
        var model = JsonNode.Parse("""
            {
              "definitionId": "broken",
              "root": {
                "type": "Elsa.Flowchart", "id": "root",
                "activities": [
                  { "id": "a", "type": "Elsa.WriteLine", "text": { "typeName": "String", "expression": { "type": "JavaScript", "value": "1 +* 2" } } },
                  { "id": "b", "type": "Nope.Missing" },
                  { "id": "c", "type": "Elsa.SetOutput" },
                  { "id": "d", "type": "Elsa.FlowDecision", "condition": { "typeName": "Boolean", "expression": { "type": "JavaScript", "value": "true" } } }
                ],
                "connections": [
                  { "source": { "activity": "a", "port": "Done" }, "target": { "activity": "ghost", "port": "In" } },
                  { "source": { "activity": "d", "port": "Maybe" }, "target": { "activity": "c", "port": "In" } }
                ]
              }
            }
            """)!.AsObject();

        var error = await Assert.ThrowsAsync<DefinitionValidationException>(() => engine.Definitions.SaveAsync(model, publish: true, "dave"));

        Assert.Contains(error.Errors, e => e.ActivityId == "a" && e.Property == "text" && e.Value == "1 +* 2");
        Assert.Contains(error.Errors, e => e.ActivityId == "b" && e.Property == "type" && e.Value == "Nope.Missing");
        Assert.Contains(error.Errors, e => e.ActivityId == "c" && e.Property == "outputName");
        Assert.Contains(error.Errors, e => e.ActivityId == "ghost" && e.Property == "connections");
        Assert.Contains(error.Errors, e => e.ActivityId == "d" && e.Value == "Maybe");
    }

    [Fact]
    public async Task Save_ClientDefinitionId_KeptAndVersioned()
    {
        using var engine = new EngineHarness();
        var model = WithoutUnknownActivity();

        var first = await engine.Definitions.SaveAsync(model, publish: false, "dave");
        var draftAgain = await engine.Definitions.SaveAsync(model, publish: true, "dave");
        var afterPublish = await engine.Definitions.SaveAsync(model, publish: false, "dave");

        Assert.True(first.Created);
        Assert.Equal("expense-approval", first.Definition.DefinitionId);
        Assert.Equal(first.Definition.Id, draftAgain.Definition.Id);
        Assert.Equal(1, draftAgain.Definition.Version);
        Assert.Equal(2, afterPublish.Definition.Version);
        Assert.False(afterPublish.Definition.IsPublished);
        var published = await engine.Services.GetRequiredService<IWorkflowDefinitionStore>().FindPublishedAsync("expense-approval");
        Assert.Equal(draftAgain.Definition.Id, published!.Id);
    }

    [Fact]
    public async Task Export_ThenImport_RoundTrips()
    {
        using var source = new EngineHarness();
        await source.Definitions.ImportAsync(WithoutUnknownActivity(), "dave");
        var export = (await source.Definitions.ExportAsync("expense-approval"))!;

        using var target = new EngineHarness();
        var imported = await target.Definitions.ImportAsync((JsonObject)JsonNode.Parse(export.ToJsonString())!, "dave");

        Assert.NotNull(export["$schema"]);
        Assert.True(imported.Definition.IsPublished);
        Assert.Empty(imported.Warnings);
        var roundTripped = (await target.Definitions.GetLatestAsync("expense-approval"))!;
        Assert.Equal(export["root"]!.ToJsonString(), roundTripped["root"]!.ToJsonString());
        Assert.Equal(export["variables"]!.ToJsonString(), roundTripped["variables"]!.ToJsonString());
    }
}
