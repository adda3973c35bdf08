using System.Text.Json.Nodes;
using ModelEngine.HumanTasks.Inbox;
using ModelEngine.HumanTasks.Model;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Runtime;
using ModelEngine.Workflows.Tests.Support;
using static ModelEngine.Workflows.Tests.Support.Json;

namespace ModelEngine.Workflows.Tests.Tasks;

public sealed class TaskRuleTests
{
    private static async Task<(EngineHarness Engine, HumanTask Task)> StartAsync()
    {
        var engine = new EngineHarness();
        var id = await engine.PublishAsync(
            Array(
                Activity("approve", "ModelEngine.UserTask", ("title", Literal("Approve", "String")), ("candidateGroups", Literal("managers", "String[]"))),
                Activity("done", "Elsa.SetOutput", ("outputName", Literal("decision", "String")), ("outputValue", Expr("JavaScript", "getLastResult().outcome")))),
            Array(Connect("approve", "done", "Approve"), Connect("approve", "done", "Reject")));
        var instance = await engine.ExecuteAsync(id);
        return (engine, Assert.Single(await engine.TaskStore.ListByInstanceAsync(instance.Summary.Id)));
    }

    private static readonly Security.UserIdentity Bob = EngineHarness.User("bob", "managers");
    private static readonly Security.UserIdentity Erin = EngineHarness.User("erin", "managers");
    private static readonly Security.UserIdentity Carol = EngineHarness.User("carol", "finance");

    [Fact]
    public async Task NewTask_WithoutAssignee_IsReady()
    {
        var (engine, task) = await StartAsync();
        using var _ = engine;

        Assert.Equal(HumanTaskStatus.Ready, task.Status);
        Assert.Single((await engine.Tasks.GetInboxAsync(Bob, new PageRequest(1, 50))).Items);
        Assert.Empty((await engine.Tasks.GetInboxAsync(Carol, new PageRequest(1, 50))).Items);
    }

    [Fact]
    public async Task Invisible_User_GetsNotFoundOnEveryCall()
    {
        var (engine, task) = await StartAsync();
        using var _ = engine;

        await Assert.ThrowsAsync<TaskNotFoundException>(() => engine.Tasks.GetAsync(task.Id, Carol));
        await Assert.ThrowsAsync<TaskNotFoundException>(() => engine.Tasks.ClaimAsync(task.Id, Carol, null));
        await Assert.ThrowsAsync<TaskNotFoundException>(() => engine.Tasks.CompleteAsync(task.Id, Carol, new("Approve"), null));
    }

    [Fact]
    public async Task Complete_Unclaimed_Conflicts()
    {
        var (engine, task) = await StartAsync();
        using var _ = engine;

        await Assert.ThrowsAsync<TaskConflictException>(() => engine.Tasks.CompleteAsync(task.Id, Bob, new("Approve"), null));
    }

    [Fact]
    public async Task Claim_HeldByOther_Conflicts()
    {
        var (engine, task) = await StartAsync();
        using var _ = engine;

        await engine.Tasks.ClaimAsync(task.Id, Bob, null);

        await Assert.ThrowsAsync<TaskConflictException>(() => engine.Tasks.ClaimAsync(task.Id, Erin, null));
        await Assert.ThrowsAsync<TaskForbiddenException>(() => engine.Tasks.CompleteAsync(task.Id, Erin, new("Approve"), null));
        var again = await engine.Tasks.ClaimAsync(task.Id, Bob, null);
        Assert.Equal(HumanTaskStatus.Reserved, again.Status);
    }

    [Fact]
    public async Task StaleETag_PreconditionFailed()
    {
        var (engine, task) = await StartAsync();
        using var _ = engine;

        var claimed = await engine.Tasks.ClaimAsync(task.Id, Bob, task.ETag);

        await Assert.ThrowsAsync<TaskPreconditionFailedException>(() => engine.Tasks.CompleteAsync(task.Id, Bob, new("Approve"), task.ETag));
        await engine.Tasks.CompleteAsync(task.Id, Bob, new("Approve"), claimed.ETag);
    }

    [Fact]
    public async Task Complete_Twice_SecondConflictsAndRunsNothing()
    {
        var (engine, task) = await StartAsync();
        using var _ = engine;
        await engine.Tasks.ClaimAsync(task.Id, Bob, null);

        await engine.Tasks.CompleteAsync(task.Id, Bob, new("Reject", "too much"), null);
        await Assert.ThrowsAsync<TaskConflictException>(() => engine.Tasks.CompleteAsync(task.Id, Bob, new("Approve"), null));
        var finished = await engine.RunPendingAsync(task.WorkflowInstanceId);

        Assert.Equal(WorkflowSubStatus.Finished, finished.Summary.SubStatus);
        Assert.Equal("Reject", finished.Output["decision"]!.GetValue<string>());
        Assert.Single(await engine.CompletedActivitiesAsync(task.WorkflowInstanceId), activity => activity == "done");
    }

    [Fact]
    public async Task Complete_UnknownOutcome_Rejected()
    {
        var (engine, task) = await StartAsync();
        using var _ = engine;
        await engine.Tasks.ClaimAsync(task.Id, Bob, null);

        var error = await Assert.ThrowsAsync<TaskValidationException>(() => engine.Tasks.CompleteAsync(task.Id, Bob, new("Maybe"), null));

        Assert.Equal("outcome", error.Field);
        Assert.Equal(HumanTaskStatus.Reserved, (await engine.TaskStore.FindAsync(task.Id))!.Status);
    }

    [Fact]
    public async Task ResumeConsumedBookmark_Throws()
    {
        var (engine, task) = await StartAsync();
        using var _ = engine;
        await engine.Runtime.ResumeAsync(new ResumeWorkflowRequest(task.WorkflowInstanceId, task.BookmarkId, new JsonObject { ["outcome"] = "Approve" }, [new HumanTaskUpdated(task with { Status = HumanTaskStatus.Completed, Revision = 2 }, 1)]));

        await Assert.ThrowsAsync<BookmarkNotFoundException>(() => engine.Runtime.ResumeAsync(new ResumeWorkflowRequest(task.WorkflowInstanceId, task.BookmarkId)));
    }

    [Fact]
    public async Task CancelInstance_TaskExited()
    {
        var (engine, task) = await StartAsync();
        using var _ = engine;

        var cancelled = await engine.Runtime.CancelAsync(task.WorkflowInstanceId);

        Assert.Equal(WorkflowSubStatus.Cancelled, cancelled.Summary.SubStatus);
        Assert.Equal(HumanTaskStatus.Exited, (await engine.TaskStore.FindAsync(task.Id))!.Status);
        await Assert.ThrowsAsync<WorkflowConflictException>(() => engine.Runtime.CancelAsync(task.WorkflowInstanceId));
    }
}
