using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ModelEngine.HumanTasks;
using ModelEngine.Server.Hosting;
using ModelEngine.Server.Tests.Infrastructure;
using ModelEngine.Workflows;
using ModelEngine.Workflows.Management;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Persistence.InMemory;
using ModelEngine.Workflows.Runtime;
using ModelEngine.Workflows.Runtime.Composition;
using ModelEngine.Workflows.Scripting;

namespace ModelEngine.Server.Tests;

public sealed class ChildWorkflowSweepServiceTests : IAsyncDisposable
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly LosingCommitter _committer;
    private readonly ServiceProvider _services;

    public ChildWorkflowSweepServiceTests()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddModelEngineWorkflows();
        services.AddModelEngineHumanTasks();
        services.AddModelEngineScripting();
        services.AddSingleton(provider => new LosingCommitter(provider.GetRequiredService<InMemoryWorkflowStore>()));
        services.AddSingleton<IWorkflowCommitter>(provider => provider.GetRequiredService<LosingCommitter>());
        _services = services.BuildServiceProvider();
        _committer = _services.GetRequiredService<LosingCommitter>();
    }

    private IWorkflowRuntime Runtime => _services.GetRequiredService<IWorkflowRuntime>();

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    [Fact]
    public async Task StartUp_ResumesParentOfEndedChild()
    {
        var (parentId, childId) = await EndChildWithoutResumingParentAsync();
        var waiting = await Runtime.GetAsync(parentId).WaitAsync(Timeouts.Request);
        using var service = new ChildWorkflowSweepService(
            _services.GetRequiredService<IServiceScopeFactory>(),
            Options.Create(new ExecutionOptions { ChildSweepInterval = TimeSpan.FromMinutes(5) }),
            _clock,
            NullLogger<ChildWorkflowSweepService>.Instance);

        await service.StartAsync(CancellationToken.None);
        var resumed = await Eventually.WaitAsync(
            () => Runtime.GetAsync(parentId),
            view => view?.Summary.SubStatus == WorkflowSubStatus.Pending,
            $"parent {parentId} to be resumed by the sweep at start-up");
        await service.StopAsync(CancellationToken.None);

        Assert.Equal(WorkflowSubStatus.Finished, (await Runtime.GetAsync(childId).WaitAsync(Timeouts.Request))?.Summary.SubStatus);
        Assert.Equal(WorkflowSubStatus.Suspended, waiting?.Summary.SubStatus);
        Assert.Equal(WorkflowSubStatus.Pending, resumed?.Summary.SubStatus);
        Assert.Empty(await _services.GetRequiredService<IWorkflowInstanceStore>().ListBookmarksAsync(ChildWorkflowBookmarks.BookmarkName, parentId).WaitAsync(Timeouts.Request));
    }

    [Fact]
    public void Options_ZeroInterval_Rejected()
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => new ChildWorkflowSweepService(
            _services.GetRequiredService<IServiceScopeFactory>(),
            Options.Create(new ExecutionOptions { ChildSweepInterval = TimeSpan.Zero }),
            _clock,
            NullLogger<ChildWorkflowSweepService>.Instance));

        Assert.Equal("Execution:ChildSweepInterval", exception.ParamName);
    }

    /// <summary>Starts a parent and its child, and ends the child while the parent's resume is lost, as when a node stops.</summary>
    private async Task<(string ParentId, string ChildId)> EndChildWithoutResumingParentAsync()
    {
        var definitions = _services.GetRequiredService<IWorkflowDefinitionService>();
        await definitions.SaveAsync(Model("sweep-child", new JsonObject { ["id"] = "say", ["type"] = "Elsa.WriteLine", ["text"] = Literal("child") }), publish: true, "test").WaitAsync(Timeouts.Request);
        await definitions.SaveAsync(Model("sweep-parent", new JsonObject { ["id"] = "run", ["type"] = "Elsa.ExecuteWorkflow", ["workflowDefinitionId"] = Literal("sweep-child") }), publish: true, "test").WaitAsync(Timeouts.Request);

        var parent = await Runtime.ExecuteAsync(new StartWorkflowRequest("sweep-parent")).WaitAsync(Timeouts.Request);
        var bookmark = Assert.Single(await _services.GetRequiredService<IWorkflowInstanceStore>().ListBookmarksAsync(ChildWorkflowBookmarks.BookmarkName, parent.Summary.Id).WaitAsync(Timeouts.Request));
        var childId = ChildWorkflowBookmarks.ReadChildInstanceId(bookmark.PayloadJson)!;
        _committer.LoseResumeOf = parent.Summary.Id;
        await Runtime.RunPendingAsync(childId).WaitAsync(Timeouts.Request);
        _committer.LoseResumeOf = null;
        return (parent.Summary.Id, childId);
    }

    private static JsonObject Literal(string value) => new()
    {
        ["typeName"] = "String",
        ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = value },
    };

    private static JsonObject Model(string definitionId, JsonObject activity) => new()
    {
        ["definitionId"] = definitionId,
        ["name"] = definitionId,
        ["root"] = new JsonObject { ["type"] = "Elsa.Flowchart", ["id"] = "root", ["activities"] = new JsonArray(activity), ["connections"] = new JsonArray() },
    };

    /// <summary>A committer that rejects the resume commits of one instance, as if another change had won the race.</summary>
    private sealed class LosingCommitter(IWorkflowCommitter inner) : IWorkflowCommitter
    {
        public string? LoseResumeOf { get; set; }

        public Task CommitAsync(WorkflowCommit commit, CancellationToken cancellationToken = default) =>
            commit.Summary.Id == LoseResumeOf && commit.RemovedBookmarkIds.Count > 0
                ? throw new ConcurrencyConflictException($"Simulated lost resume of instance {commit.Summary.Id}.")
                : inner.CommitAsync(commit, cancellationToken);

        public Task<bool> DeleteInstanceAsync(string instanceId, CancellationToken cancellationToken = default) =>
            inner.DeleteInstanceAsync(instanceId, cancellationToken);
    }
}
