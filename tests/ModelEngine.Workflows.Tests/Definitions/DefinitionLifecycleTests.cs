using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ModelEngine.HumanTasks.Model;
using ModelEngine.Workflows.Management;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Runtime;
using ModelEngine.Workflows.Tests.Support;
using static ModelEngine.Workflows.Tests.Support.Json;

namespace ModelEngine.Workflows.Tests.Definitions;

public sealed class DefinitionLifecycleTests : IDisposable
{
    private const string DefinitionId = "lifecycle";

    private readonly EngineHarness _engine = new();

    private IWorkflowDefinitionStore Store => _engine.Services.GetRequiredService<IWorkflowDefinitionStore>();

    public void Dispose() => _engine.Dispose();

    [Fact]
    public async Task Retract_Published_StopsNewStarts()
    {
        await SaveAsync("First", publish: true);

        // Starting once fills the published-version lookup that the retract must clear.
        var before = await _engine.ExecuteAsync(DefinitionId);
        var retracted = await _engine.Definitions.RetractAsync(DefinitionId, "dave").WaitAsync(EngineHarness.Timeout);

        Assert.Equal(WorkflowSubStatus.Finished, before.Summary.SubStatus);
        Assert.False(retracted.IsPublished);
        Assert.True(retracted.IsLatest);
        Assert.Null(await Store.FindPublishedAsync(DefinitionId).WaitAsync(EngineHarness.Timeout));
        var latest = await _engine.Definitions.GetLatestAsync(DefinitionId).WaitAsync(EngineHarness.Timeout);
        Assert.False(latest?["isPublished"]?.GetValue<bool>());
        var error = await Assert.ThrowsAsync<WorkflowNotFoundException>(() => _engine.ExecuteAsync(DefinitionId));
        Assert.Contains("has no published version", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retract_DraftOnly_Conflicts()
    {
        await SaveAsync("Draft", publish: false);

        var error = await Assert.ThrowsAsync<WorkflowConflictException>(
            () => _engine.Definitions.RetractAsync(DefinitionId, "dave").WaitAsync(EngineHarness.Timeout));

        Assert.Contains("no published version to retract", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retract_UnknownDefinition_NotFound()
    {
        var error = await Assert.ThrowsAsync<WorkflowNotFoundException>(
            () => _engine.Definitions.RetractAsync("missing", "dave").WaitAsync(EngineHarness.Timeout));

        Assert.Contains("'missing'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revert_EarlierVersion_CopiesAsLatestDraft()
    {
        await SaveAsync("First", publish: true);
        await SaveAsync("Second", publish: true);

        var copy = await _engine.Definitions.RevertAsync(DefinitionId, 1, "dave").WaitAsync(EngineHarness.Timeout);

        Assert.Equal(3, copy.Version);
        Assert.Equal("First", copy.Name);
        Assert.True(copy.IsLatest);
        Assert.False(copy.IsPublished);
        var model = await _engine.Definitions.GetLatestAsync(DefinitionId).WaitAsync(EngineHarness.Timeout);
        Assert.Equal(3, model?["version"]?.GetValue<int>());
        Assert.Equal(copy.Id, model?["id"]?.GetValue<string>());
        Assert.Equal("First", model?["root"]?["activities"]?[0]?["outputValue"]?["expression"]?["value"]?.GetValue<string>());

        // Version 2 stays published, so new instances keep starting on it until the copy is published.
        var published = await Store.FindPublishedAsync(DefinitionId).WaitAsync(EngineHarness.Timeout);
        Assert.Equal(2, published?.Version);
        Assert.False(published?.IsLatest);
        var started = await _engine.ExecuteAsync(DefinitionId);
        Assert.Equal(2, started.Summary.Version);
    }

    [Fact]
    public async Task Save_NewVersion_KeepsOlderVersionsUpdatedAt()
    {
        await SaveAsync("First", publish: true);
        var first = await Store.FindVersionAsync(DefinitionId, 1).WaitAsync(EngineHarness.Timeout);

        _engine.Clock.Advance(TimeSpan.FromMinutes(5));
        await SaveAsync("Second", publish: false);
        _engine.Clock.Advance(TimeSpan.FromMinutes(5));
        await SaveAsync("Third", publish: true);
        _engine.Clock.Advance(TimeSpan.FromMinutes(5));
        await _engine.Definitions.RevertAsync(DefinitionId, 1, "dave").WaitAsync(EngineHarness.Timeout);

        var versions = await Store.ListVersionsAsync(DefinitionId, new PageRequest(1, 10)).WaitAsync(EngineHarness.Timeout);
        var byVersion = versions.Items.ToDictionary(v => v.Version);
        Assert.Equal(first!.UpdatedAt, byVersion[1].UpdatedAt);
        Assert.False(byVersion[1].IsLatest);
        Assert.False(byVersion[1].IsPublished);
        Assert.Equal(first.UpdatedAt.AddMinutes(10), byVersion[2].UpdatedAt);
        Assert.True(byVersion[2].IsPublished);
        Assert.Equal(first.UpdatedAt.AddMinutes(15), byVersion[3].UpdatedAt);
        Assert.True(byVersion[3].IsLatest);
    }

    [Fact]
    public async Task Revert_MissingVersion_NotFound()
    {
        await SaveAsync("First", publish: true);

        var error = await Assert.ThrowsAsync<WorkflowNotFoundException>(
            () => _engine.Definitions.RevertAsync(DefinitionId, 7, "dave").WaitAsync(EngineHarness.Timeout));

        Assert.Contains("has no version 7", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListVersions_Paged_NewestFirst()
    {
        await SaveAsync("First", publish: true);
        await SaveAsync("Second", publish: true);
        await SaveAsync("Third", publish: false);

        var first = await _engine.Definitions.ListVersionsAsync(DefinitionId, new PageRequest(1, 2)).WaitAsync(EngineHarness.Timeout);
        var second = await _engine.Definitions.ListVersionsAsync(DefinitionId, new PageRequest(2, 2)).WaitAsync(EngineHarness.Timeout);

        Assert.Equal(3, first.TotalCount);
        Assert.Equal([3, 2], first.Items.Select(version => version.Version));
        Assert.Equal([1], second.Items.Select(version => version.Version));
        Assert.True(first.Items[0].IsLatest);
        Assert.False(first.Items[0].IsPublished);
        Assert.True(first.Items[1].IsPublished);
    }

    [Fact]
    public async Task ListVersions_UnknownDefinition_NotFound()
    {
        await Assert.ThrowsAsync<WorkflowNotFoundException>(
            () => _engine.Definitions.ListVersionsAsync("missing", new PageRequest()).WaitAsync(EngineHarness.Timeout));
    }

    [Fact]
    public async Task Delete_WithRunningInstances_ThrowsInUse()
    {
        await PublishUserTaskAsync();
        await _engine.ExecuteAsync(DefinitionId);
        await _engine.ExecuteAsync(DefinitionId);

        var error = await Assert.ThrowsAsync<DefinitionInUseException>(
            () => _engine.Definitions.DeleteAsync(DefinitionId, force: false).WaitAsync(EngineHarness.Timeout));

        Assert.Equal(2, error.RunningInstanceCount);
        Assert.Contains("2 running instance", error.Message, StringComparison.Ordinal);
        Assert.NotNull(await _engine.Definitions.GetLatestAsync(DefinitionId).WaitAsync(EngineHarness.Timeout));
    }

    [Fact]
    public async Task Delete_Force_CancelsInstancesAndExitsTasks()
    {
        await PublishUserTaskAsync();
        var instance = await _engine.ExecuteAsync(DefinitionId);
        Assert.Equal(WorkflowSubStatus.Suspended, instance.Summary.SubStatus);

        var deleted = await _engine.Definitions.DeleteAsync(DefinitionId, force: true).WaitAsync(EngineHarness.Timeout);

        Assert.Equal(1, deleted);
        var summary = await _engine.Instances.FindSummaryAsync(instance.Summary.Id).WaitAsync(EngineHarness.Timeout);
        Assert.Equal(WorkflowSubStatus.Cancelled, summary?.SubStatus);
        var task = Assert.Single(await _engine.TaskStore.ListByInstanceAsync(instance.Summary.Id).WaitAsync(EngineHarness.Timeout));
        Assert.Equal(HumanTaskStatus.Exited, task.Status);
        Assert.Null(await _engine.Definitions.GetLatestAsync(DefinitionId).WaitAsync(EngineHarness.Timeout));
        await Assert.ThrowsAsync<WorkflowNotFoundException>(() => _engine.ExecuteAsync(DefinitionId));
    }

    [Fact]
    public async Task Delete_FinishedInstancesOnly_DeletesEveryVersion()
    {
        await SaveAsync("First", publish: true);
        await SaveAsync("Second", publish: false);
        var finished = await _engine.ExecuteAsync(DefinitionId);

        var deleted = await _engine.Definitions.DeleteAsync(DefinitionId, force: false).WaitAsync(EngineHarness.Timeout);

        Assert.Equal(2, deleted);
        Assert.Empty((await Store.ListVersionsAsync(DefinitionId, new PageRequest()).WaitAsync(EngineHarness.Timeout)).Items);
        Assert.NotNull(await _engine.Instances.FindSummaryAsync(finished.Summary.Id).WaitAsync(EngineHarness.Timeout));
    }

    [Fact]
    public async Task Delete_UnknownDefinition_NotFound()
    {
        await Assert.ThrowsAsync<WorkflowNotFoundException>(
            () => _engine.Definitions.DeleteAsync("missing", force: true).WaitAsync(EngineHarness.Timeout));
    }

    /// <summary>Saves a one-activity flowchart that sets output 'name' to <paramref name="name"/>.</summary>
    private async Task SaveAsync(string name, bool publish)
    {
        var activities = Array(Activity("set", "Elsa.SetOutput", ("outputName", Literal("name", "String")), ("outputValue", Literal(name, "String"))));
        await _engine.Definitions.SaveAsync(Model(name, activities, []), publish, "dave").WaitAsync(EngineHarness.Timeout);
    }

    private async Task PublishUserTaskAsync()
    {
        var activities = Array(Activity("approve", "ModelEngine.UserTask", ("title", Literal("Approve", "String")), ("candidateGroups", Literal("managers", "String[]"))));
        await _engine.Definitions.SaveAsync(Model("Approval", activities, []), publish: true, "dave").WaitAsync(EngineHarness.Timeout);
    }

    private static JsonObject Model(string name, JsonArray activities, JsonArray connections) => new()
    {
        ["definitionId"] = DefinitionId,
        ["name"] = name,
        ["root"] = new JsonObject
        {
            ["type"] = "Elsa.Flowchart",
            ["id"] = "root",
            ["activities"] = activities,
            ["connections"] = connections,
        },
    };
}
