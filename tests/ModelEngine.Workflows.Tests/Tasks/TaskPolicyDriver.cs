using System.Text.Json.Nodes;
using ModelEngine.HumanTasks.Activities;
using ModelEngine.HumanTasks.Approvals;
using ModelEngine.HumanTasks.Model;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Runtime;
using ModelEngine.Workflows.Tests.Support;

namespace ModelEngine.Workflows.Tests.Tasks;

/// <summary>
/// Drives UserTask policies in tests. It completes tasks as the task service does under the resume contract: the vote
/// is decided under the instance lease, and the commit closes the sibling tasks and removes the task's timers. It also
/// fires task timers.
/// </summary>
internal static class TaskPolicyDriver
{
    /// <summary>Completes a task as <paramref name="user"/> and lets the instance run on.</summary>
    public static async Task<WorkflowInstanceView> CompleteAsync(EngineHarness engine, string taskId, string user, string outcome, string? comment = null)
    {
        var task = (await engine.TaskStore.FindAsync(taskId))!;
        var request = new ResumeWorkflowRequest(task.WorkflowInstanceId, task.BookmarkId)
        {
            Prepare = async cancellationToken =>
            {
                var current = (await engine.TaskStore.FindAsync(taskId, cancellationToken))!;
                var now = engine.Clock.GetUtcNow();
                var completed = current with
                {
                    Status = HumanTaskStatus.Completed,
                    Outcome = outcome,
                    Comment = comment,
                    CompletedBy = user,
                    CompletedAt = now,
                    UpdatedAt = now,
                    Revision = current.Revision + 1,
                };
                var siblings = await engine.TaskStore.ListByActivityInstanceAsync(current.ActivityInstanceId, cancellationToken);
                var decision = ApprovalVote.Decide(current.ApprovalPolicy, siblings.Select(sibling => sibling.Id == taskId ? completed : sibling).ToList());
                List<object> changes = [new HumanTaskUpdated(completed, current.Revision)];
                if (decision is not null)
                {
                    changes.Add(new HumanTaskClosed(current.ActivityInstanceId, HumanTaskStatus.Obsolete, now) { ExceptTaskIds = [taskId], Reason = "decided" });
                }

                var input = new JsonObject
                {
                    ["taskId"] = taskId,
                    ["outcome"] = outcome,
                    ["comment"] = comment,
                    ["data"] = null,
                    ["completedBy"] = user,
                    ["decision"] = decision is null ? null : new JsonObject
                    {
                        ["outcome"] = decision.Outcome,
                        ["votes"] = new JsonArray(decision.Votes.Select(vote => (JsonNode)new JsonObject { ["user"] = vote.User, ["outcome"] = vote.Outcome, ["comment"] = vote.Comment, ["at"] = vote.At }).ToArray()),
                    },
                };
                return new ResumePlan(input, changes);
            },
            RemoveBookmarks = bookmark => HumanTaskFactory.IsTimerOf(bookmark, taskId),
        };
        await engine.Runtime.ResumeAsync(request).WaitAsync(EngineHarness.Timeout);
        return await engine.RunPendingAsync(task.WorkflowInstanceId);
    }

    /// <summary>Resumes a task's bookmark with <paramref name="input"/>, as a skip or a failure does, and runs the instance.</summary>
    public static async Task<WorkflowInstanceView> ResumeAsync(EngineHarness engine, HumanTask task, JsonObject input, IReadOnlyList<object>? changes = null)
    {
        await engine.Runtime.ResumeAsync(new ResumeWorkflowRequest(task.WorkflowInstanceId, task.BookmarkId, input, changes)
        {
            RemoveBookmarks = bookmark => HumanTaskFactory.IsTimerOf(bookmark, task.Id),
        }).WaitAsync(EngineHarness.Timeout);
        return await engine.RunPendingAsync(task.WorkflowInstanceId);
    }

    /// <summary>The task timers of an instance: bookmarks with a due time, with their payloads.</summary>
    public static async Task<IReadOnlyList<(BookmarkRecord Bookmark, JsonObject Payload)>> TimersAsync(EngineHarness engine, string instanceId)
    {
        var bookmarks = await engine.Instances.ListBookmarksAsync(UserTask.TypeName, instanceId).WaitAsync(EngineHarness.Timeout);
        return bookmarks
            .Where(bookmark => bookmark.DueAt is not null)
            .Select(bookmark => (bookmark, (JsonObject)JsonNode.Parse(bookmark.PayloadJson!)!))
            .OrderBy(timer => timer.bookmark.DueAt)
            .ToList();
    }

    /// <summary>The one timer of <paramref name="kind"/> for <paramref name="taskId"/>.</summary>
    public static async Task<BookmarkRecord> TimerAsync(EngineHarness engine, string instanceId, string taskId, string kind)
    {
        var timers = await TimersAsync(engine, instanceId);
        return Assert.Single(timers, timer => timer.Payload[HumanTaskFactory.DueTaskIdProperty]?.GetValue<string>() == taskId
            && timer.Payload[HumanTaskFactory.TimerKindProperty]?.GetValue<string>() == kind).Bookmark;
    }

    /// <summary>Moves the clock to the timer's due time, fires it as the timer job does, and runs the instance.</summary>
    public static async Task<WorkflowInstanceView> FireAsync(EngineHarness engine, BookmarkRecord timer)
    {
        var wait = timer.DueAt!.Value - engine.Clock.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            engine.Clock.Advance(wait);
        }

        await engine.Runtime.ResumeAsync(new ResumeWorkflowRequest(timer.WorkflowInstanceId, timer.Id)).WaitAsync(EngineHarness.Timeout);
        return await engine.RunPendingAsync(timer.WorkflowInstanceId);
    }
}
