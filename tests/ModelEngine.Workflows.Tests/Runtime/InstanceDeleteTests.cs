using Microsoft.Extensions.DependencyInjection;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Runtime;
using ModelEngine.Workflows.Tests.Support;
using static ModelEngine.Workflows.Tests.Support.Json;

namespace ModelEngine.Workflows.Tests.Runtime;

public sealed class InstanceDeleteTests : IDisposable
{
    private readonly EngineHarness _engine = new();

    private IDurableTimerStore Timers => _engine.Services.GetRequiredService<IDurableTimerStore>();

    public void Dispose() => _engine.Dispose();

    [Fact]
    public async Task Delete_Finished_RemovesInstanceAndJournal()
    {
        var id = await _engine.PublishAsync(Array(Activity("hello", "Elsa.WriteLine", ("text", Literal("hi", "String")))), []);
        var instance = await _engine.ExecuteAsync(id);
        Assert.NotEmpty(await _engine.JournalAsync(instance.Summary.Id));

        await _engine.Runtime.DeleteAsync(instance.Summary.Id, force: false).WaitAsync(EngineHarness.Timeout);

        Assert.Null(await _engine.Instances.FindSummaryAsync(instance.Summary.Id).WaitAsync(EngineHarness.Timeout));
        Assert.Null(await _engine.Runtime.GetAsync(instance.Summary.Id).WaitAsync(EngineHarness.Timeout));
        Assert.Empty(await _engine.JournalAsync(instance.Summary.Id));
    }

    [Fact]
    public async Task Delete_RunningWithoutForce_Conflicts()
    {
        var instance = await StartUserTaskAsync();

        var error = await Assert.ThrowsAsync<WorkflowConflictException>(
            () => _engine.Runtime.DeleteAsync(instance.Summary.Id, force: false).WaitAsync(EngineHarness.Timeout));

        Assert.Contains("force=true", error.Message, StringComparison.Ordinal);
        var summary = await _engine.Instances.FindSummaryAsync(instance.Summary.Id).WaitAsync(EngineHarness.Timeout);
        Assert.Equal(WorkflowSubStatus.Suspended, summary?.SubStatus);
        Assert.Single(await _engine.TaskStore.ListByInstanceAsync(instance.Summary.Id).WaitAsync(EngineHarness.Timeout));
    }

    [Fact]
    public async Task Delete_RunningForced_RemovesTasksAndBookmarks()
    {
        var instance = await StartUserTaskAsync();
        var bookmark = Assert.Single(await BookmarksAsync(instance.Summary.Id));

        await _engine.Runtime.DeleteAsync(instance.Summary.Id, force: true).WaitAsync(EngineHarness.Timeout);

        Assert.Null(await _engine.Instances.FindSummaryAsync(instance.Summary.Id).WaitAsync(EngineHarness.Timeout));
        Assert.Empty(await _engine.TaskStore.ListByInstanceAsync(instance.Summary.Id).WaitAsync(EngineHarness.Timeout));
        Assert.Null(await _engine.Instances.FindBookmarkAsync(bookmark.Id).WaitAsync(EngineHarness.Timeout));
        Assert.Empty(await _engine.JournalAsync(instance.Summary.Id));
    }

    [Fact]
    public async Task Delete_RunningForced_RemovesTimers()
    {
        var id = await _engine.PublishAsync(Array(Activity("wait", "Elsa.Delay", ("timeSpan", Literal("00:05:00", "TimeSpan")))), []);
        var instance = await _engine.ExecuteAsync(id);
        var farFuture = _engine.Clock.GetUtcNow().AddDays(1);
        Assert.Single(await Timers.ListDueAsync(farFuture, 10).WaitAsync(EngineHarness.Timeout));

        await _engine.Runtime.DeleteAsync(instance.Summary.Id, force: true).WaitAsync(EngineHarness.Timeout);

        Assert.Empty(await Timers.ListDueAsync(farFuture, 10).WaitAsync(EngineHarness.Timeout));
    }

    [Fact]
    public async Task Delete_OtherInstance_IsKept()
    {
        var first = await StartUserTaskAsync();
        var second = await _engine.ExecuteAsync(first.Summary.DefinitionId);

        await _engine.Runtime.DeleteAsync(first.Summary.Id, force: true).WaitAsync(EngineHarness.Timeout);

        Assert.NotNull(await _engine.Instances.FindSummaryAsync(second.Summary.Id).WaitAsync(EngineHarness.Timeout));
        Assert.Single(await _engine.TaskStore.ListByInstanceAsync(second.Summary.Id).WaitAsync(EngineHarness.Timeout));
        Assert.Single(await BookmarksAsync(second.Summary.Id));
    }

    [Fact]
    public async Task Delete_UnknownInstance_NotFound()
    {
        var error = await Assert.ThrowsAsync<WorkflowNotFoundException>(
            () => _engine.Runtime.DeleteAsync("missing", force: true).WaitAsync(EngineHarness.Timeout));

        Assert.Contains("'missing'", error.Message, StringComparison.Ordinal);
    }

    private async Task<WorkflowInstanceView> StartUserTaskAsync()
    {
        var id = await _engine.PublishAsync(
            Array(Activity("approve", "ModelEngine.UserTask", ("title", Literal("Approve", "String")), ("candidateGroups", Literal("managers", "String[]")))),
            []);
        var instance = await _engine.ExecuteAsync(id);
        Assert.Equal(WorkflowSubStatus.Suspended, instance.Summary.SubStatus);
        return instance;
    }

    private Task<IReadOnlyList<BookmarkRecord>> BookmarksAsync(string instanceId) =>
        _engine.Instances.ListBookmarksAsync("ModelEngine.UserTask", instanceId).WaitAsync(EngineHarness.Timeout);
}
