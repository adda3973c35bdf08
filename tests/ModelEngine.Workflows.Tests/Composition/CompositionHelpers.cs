using System.Text.Json.Nodes;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Runtime.Composition;
using ModelEngine.Workflows.Tests.Support;
using static ModelEngine.Workflows.Tests.Support.Json;

namespace ModelEngine.Workflows.Tests.Composition;

/// <summary>Definitions with known ids, and lookups of child instances, for the composition tests.</summary>
internal static class CompositionHelpers
{
    /// <summary>Saves and publishes a flowchart under <paramref name="definitionId"/>, as a new version when it exists.</summary>
    public static async Task PublishAsync(EngineHarness engine, string definitionId, JsonArray activities, JsonArray connections, JsonObject? extra = null)
    {
        var model = new JsonObject
        {
            ["definitionId"] = definitionId,
            ["name"] = definitionId,
            ["root"] = new JsonObject
            {
                ["type"] = "Elsa.Flowchart",
                ["id"] = "root",
                ["activities"] = activities,
                ["connections"] = connections,
            },
        };
        foreach (var (name, value) in extra ?? [])
        {
            model[name] = value?.DeepClone();
        }

        await engine.Definitions.SaveAsync(model, publish: true, "test").WaitAsync(EngineHarness.Timeout);
    }

    public static JsonObject RunTask(string id, string taskName) =>
        Activity(id, "Elsa.RunTask", ("taskName", Literal(taskName, "String")));

    public static JsonObject Output(string id, string name, string javaScript) =>
        Activity(id, "Elsa.SetOutput", ("outputName", Literal(name, "String")), ("outputValue", Expr("JavaScript", javaScript)));

    public static JsonObject Execute(string id, string childDefinitionId, string? inputJavaScript = null)
    {
        var activity = Activity(id, "Elsa.ExecuteWorkflow", ("workflowDefinitionId", Literal(childDefinitionId, "String")));
        if (inputJavaScript is not null)
        {
            activity["input"] = Expr("JavaScript", inputJavaScript);
        }

        return activity;
    }

    /// <summary>Returns the bookmark a parent waits on for its child.</summary>
    public static async Task<BookmarkRecord> ChildBookmarkAsync(EngineHarness engine, string parentId) =>
        Assert.Single(await engine.Instances.ListBookmarksAsync(ChildWorkflowBookmarks.BookmarkName, parentId).WaitAsync(EngineHarness.Timeout));

    /// <summary>Returns the id of the child a parent waits for.</summary>
    public static async Task<string> ChildIdAsync(EngineHarness engine, string parentId) =>
        ChildWorkflowBookmarks.ReadChildInstanceId((await ChildBookmarkAsync(engine, parentId)).PayloadJson)!;

    /// <summary>Lists every instance of a definition.</summary>
    public static async Task<IReadOnlyList<WorkflowInstanceSummary>> InstancesOfAsync(EngineHarness engine, string definitionId) =>
        (await engine.Instances.ListAsync(new InstanceListQuery(new PageRequest(1, 1000), definitionId)).WaitAsync(EngineHarness.Timeout)).Items;

    /// <summary>Completes the single RunTask an instance waits on, with <paramref name="result"/>.</summary>
    public static async Task CompleteRunTaskAsync(EngineHarness engine, string instanceId, JsonNode? result = null, string? taskName = null)
    {
        var bookmarks = await engine.Instances.ListBookmarksAsync("ModelEngine.RunTask", instanceId).WaitAsync(EngineHarness.Timeout);
        var bookmark = taskName is null
            ? Assert.Single(bookmarks)
            : Assert.Single(bookmarks, candidate => JsonNode.Parse(candidate.PayloadJson!)!["taskName"]!.GetValue<string>() == taskName);
        await engine.Runtime.ResumeAsync(new ModelEngine.Workflows.Runtime.ResumeWorkflowRequest(instanceId, bookmark.Id, result)).WaitAsync(EngineHarness.Timeout);
    }
}
