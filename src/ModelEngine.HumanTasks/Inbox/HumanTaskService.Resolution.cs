using System.Text.Json.Nodes;
using ModelEngine.HumanTasks.Activities;
using ModelEngine.HumanTasks.Approvals;
using ModelEngine.HumanTasks.Model;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Runtime;

namespace ModelEngine.HumanTasks.Inbox;

public sealed partial class HumanTaskService
{
    public Task<HumanTask> CompleteAsync(string taskId, TaskCaller caller, TaskCompletion completion, string? ifMatch, CancellationToken cancellationToken = default) =>
        CompleteAsync(taskId, caller, completion, ifMatch, commitChange: null, cancellationToken);

    public async Task<HumanTask> CompleteAsync(
        string taskId,
        TaskCaller caller,
        TaskCompletion completion,
        string? ifMatch,
        Func<HumanTask, object>? commitChange,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(completion);
        var act = await AuthorizeAsync(taskId, caller, cancellationToken).ConfigureAwait(false);
        var task = act.Task;
        CheckMayResolve(act, "complete");
        CheckETag(task, ifMatch);
        CheckResolvable(task, "completed");
        if (task.DelegationState == HumanTaskDelegationState.Pending)
        {
            throw new TaskConflictException(
                $"Task '{taskId}' is delegated to '{task.Assignee}' by '{task.Owner}'. The delegate resolves it back with POST /api/tasks/{taskId}/resolve, and the owner completes it.");
        }

        var outcome = task.Outcomes.FirstOrDefault(candidate => string.Equals(candidate, completion.Outcome, StringComparison.OrdinalIgnoreCase))
            ?? throw new TaskValidationException("outcome", completion.Outcome,
                $"Outcome '{completion.Outcome}' is not one of this task's outcomes: {string.Join(", ", task.Outcomes)}.");

        var schemaErrors = TaskFormValidator.Validate(task.FormSchema, completion.Data);
        if (schemaErrors.Count > 0)
        {
            var first = schemaErrors[0];
            var path = first.Path.Length == 0 ? "data" : "data" + first.Path;
            throw new TaskValidationException(path, completion.Data?.ToJsonString(),
                $"The data does not satisfy the task's form: {string.Join("; ", schemaErrors.Select(error => $"{(error.Path.Length == 0 ? "/" : error.Path)}: {error.Message}"))}. Correct the data and complete again; the task stays open.",
                schemaErrors);
        }

        var now = _timeProvider.GetUtcNow();
        var completed = task with
        {
            Status = HumanTaskStatus.Completed,
            Outcome = outcome,
            Comment = completion.Comment,
            ResultData = completion.Data?.DeepClone(),
            CompletedBy = act.Name,
            CompletedAt = now,
            UpdatedAt = now,
            Revision = task.Revision + 1,
        };

        var decided = false;
        var input = new JsonObject
        {
            ["taskId"] = taskId,
            ["outcome"] = outcome,
            ["comment"] = completion.Comment,
            ["data"] = completion.Data?.DeepClone(),
            ["completedBy"] = act.Name,
        };
        var details = new JsonObject { ["outcome"] = outcome, ["comment"] = completion.Comment };

        await EndTaskAsync(act, completed, ifMatch, async (changes, token) =>
        {
            var decision = await DecideAsync(completed, changes, now, ifMatch, token).ConfigureAwait(false);
            decided = decision is not null;
            input["decision"] = decision is null ? null : DecisionNode(decision);
            changes.Insert(0, History(act, completed, HumanTaskActions.Complete, now, details));
            changes.Insert(1, Event(act, completed, HumanTaskEventKind.Completed, now));
            if (commitChange is not null)
            {
                changes.Add(commitChange(completed));
            }

            return input;
        }, cancellationToken).ConfigureAwait(false);

        LogCompleted(_logger, taskId, task.WorkflowInstanceId, act.Name, outcome, decided);
        return completed;
    }

    /// <summary>Ends the task as Failed; its activity faults with <paramref name="reason"/>, which becomes an incident.</summary>
    public async Task<HumanTask> FailAsync(string taskId, TaskCaller caller, string? reason, string? ifMatch, CancellationToken cancellationToken = default)
    {
        var act = await AuthorizeAsync(taskId, caller, cancellationToken).ConfigureAwait(false);
        var text = RequireName(reason, "reason", "a short reason the task cannot be done, such as \"The supplier no longer exists\"");
        CheckMayResolve(act, "fail");
        CheckETag(act.Task, ifMatch);
        CheckResolvable(act.Task, "failed");

        var now = _timeProvider.GetUtcNow();
        var failed = act.Task with
        {
            Status = HumanTaskStatus.Failed,
            Comment = text,
            CompletedBy = act.Name,
            CompletedAt = now,
            UpdatedAt = now,
            Revision = act.Task.Revision + 1,
        };
        var input = new JsonObject { ["taskId"] = taskId, ["failed"] = true, ["reason"] = text, ["completedBy"] = act.Name };
        await EndTaskAsync(act, failed, ifMatch, (changes, _) =>
        {
            changes.Insert(0, History(act, failed, HumanTaskActions.Fail, now, new JsonObject { ["reason"] = text }));
            changes.Insert(1, Event(act, failed, HumanTaskEventKind.Ended, now));
            changes.Add(new HumanTaskClosed(failed.ActivityInstanceId, HumanTaskStatus.Obsolete, now) { ExceptTaskIds = [taskId], Reason = $"Task {taskId} failed." });
            return ValueTask.FromResult(input);
        }, cancellationToken).ConfigureAwait(false);

        LogOperation(_logger, HumanTaskActions.Fail, taskId, failed.WorkflowInstanceId, act.Actor, act.OnBehalfOf);
        return failed;
    }

    /// <summary>Ends a skippable task as Obsolete; its activity leaves through the <c>Skipped</c> port.</summary>
    public async Task<HumanTask> SkipAsync(string taskId, TaskCaller caller, string? ifMatch, CancellationToken cancellationToken = default)
    {
        var act = await AuthorizeAsync(taskId, caller, cancellationToken).ConfigureAwait(false);
        var task = act.Task;
        // A candidate may skip a task without a holder. Once it has one, only the holder or an administrator may.
        if (!(task.Assignee is null && act.IsCandidate))
        {
            CheckHolderOrAdministrator(act, "skip");
        }

        CheckNotExcluded(act, "skip");
        CheckETag(task, ifMatch);
        if (!task.Skippable)
        {
            throw new TaskConflictException($"Task '{taskId}' cannot be skipped: its UserTask does not set 'skippable'. Complete it with one of its outcomes instead.");
        }

        CheckStatus(task, "skipped", HumanTaskStatus.Ready, HumanTaskStatus.Reserved, HumanTaskStatus.InProgress);
        var now = _timeProvider.GetUtcNow();
        var skipped = task with
        {
            Status = HumanTaskStatus.Obsolete,
            Outcome = SkippedOutcome,
            CompletedBy = act.Name,
            CompletedAt = now,
            UpdatedAt = now,
            Revision = task.Revision + 1,
        };
        var siblings = await _store.ListByActivityInstanceAsync(task.ActivityInstanceId, cancellationToken).ConfigureAwait(false);
        var votes = ApprovalVote.Decide(task.ApprovalPolicy, siblings)?.Votes ?? [];
        var input = new JsonObject
        {
            ["taskId"] = taskId,
            ["skipped"] = true,
            ["completedBy"] = act.Name,
            ["decision"] = DecisionNode(new VoteDecision(SkippedOutcome, votes)),
        };
        await EndTaskAsync(act, skipped, ifMatch, (changes, _) =>
        {
            changes.Insert(0, History(act, skipped, HumanTaskActions.Skip, now, null));
            changes.Insert(1, Event(act, skipped, HumanTaskEventKind.Ended, now));
            changes.Add(new HumanTaskClosed(skipped.ActivityInstanceId, HumanTaskStatus.Obsolete, now) { ExceptTaskIds = [taskId], Reason = $"Task {taskId} was skipped." });
            return ValueTask.FromResult(input);
        }, cancellationToken).ConfigureAwait(false);

        LogOperation(_logger, HumanTaskActions.Skip, taskId, skipped.WorkflowInstanceId, act.Actor, act.OnBehalfOf);
        return skipped;
    }

    /// <summary>The port a skipped UserTask leaves through.</summary>
    public const string SkippedOutcome = "Skipped";

    /// <summary>
    /// Commits <paramref name="ended"/> with the resume of its bookmark and removes the task's own timers. The changes
    /// and the input are built under the instance's lease, so no other completion of the same activity commits between
    /// the read of the sibling tasks and this commit.
    /// </summary>
    private async Task EndTaskAsync(
        TaskAct act,
        HumanTask ended,
        string? ifMatch,
        Func<List<object>, CancellationToken, ValueTask<JsonObject>> build,
        CancellationToken cancellationToken)
    {
        var task = act.Task;
        var single = task.ApprovalPolicy is null or { Kind: ApprovalPolicyKind.Single };

        // When the change closes the other tasks of the activity, their timers go in the same commit as they do.
        var closesSiblings = false;
        var request = new ResumeWorkflowRequest(task.WorkflowInstanceId, task.BookmarkId, RemoveActivityTimers: single)
        {
            RemoveBookmarks = bookmark => HumanTaskFactory.IsTimerOf(bookmark, task.Id)
                || (closesSiblings && bookmark.ActivityInstanceId == task.ActivityInstanceId && bookmark.DueAt is not null),
            Prepare = async token =>
            {
                // The commit checks the task's revision, so a change since the read fails it with nothing written.
                var changes = new List<object> { new HumanTaskUpdated(ended, task.Revision) { Previous = task } };
                var input = await build(changes, token).ConfigureAwait(false);
                closesSiblings = changes.OfType<HumanTaskClosed>().Any();
                return new ResumePlan(input, changes);
            },
        };

        try
        {
            await _runtime.ResumeAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is BookmarkNotFoundException or ConcurrencyConflictException)
        {
            throw new TaskConflictException($"Task '{task.Id}' was completed or changed by another request. {exception.Message}");
        }
    }

    /// <summary>
    /// Decides the vote of the activity with <paramref name="completed"/> counted, and adds the closing of the other open
    /// tasks to <paramref name="changes"/> when it is decided.
    /// </summary>
    private async Task<VoteDecision?> DecideAsync(HumanTask completed, List<object> changes, DateTimeOffset now, string? ifMatch, CancellationToken cancellationToken)
    {
        IReadOnlyList<HumanTask> siblings = completed.ApprovalPolicy is null or { Kind: ApprovalPolicyKind.Single }
            ? [completed]
            : await _store.ListByActivityInstanceAsync(completed.ActivityInstanceId, cancellationToken).ConfigureAwait(false);
        var current = siblings.FirstOrDefault(sibling => sibling.Id == completed.Id);
        if (current is null || (current != completed && current.Revision != completed.Revision - 1))
        {
            // The vote counts the tasks as they are now, so a task that changed since the read must be read again.
            throw StaleTask(completed with { Revision = completed.Revision - 1 }, ifMatch, current);
        }

        var earlier = siblings.FirstOrDefault(sibling => sibling.Id != completed.Id && sibling.Status == HumanTaskStatus.Completed && sibling.CompletedBy == completed.CompletedBy);
        if (earlier is not null)
        {
            // A user who is an approver twice, such as through two groups, still casts one vote.
            throw new TaskForbiddenException(
                $"User '{completed.CompletedBy}' already voted on this approval with task '{earlier.Id}' ({earlier.Outcome}); each approver votes once. Release the task or forward it to another approver.");
        }

        var after = siblings.Select(sibling => sibling.Id == completed.Id ? completed : sibling).ToList();
        var decision = ApprovalVote.Decide(completed.ApprovalPolicy, after);
        if (decision is not null && after.Any(sibling => sibling.Id != completed.Id && !sibling.Status.IsFinal()))
        {
            changes.Add(new HumanTaskClosed(completed.ActivityInstanceId, HumanTaskStatus.Obsolete, now)
            {
                ExceptTaskIds = [completed.Id],
                Reason = $"The vote was decided: {decision.Outcome}.",
            });
        }

        return decision;
    }

    private static JsonObject DecisionNode(VoteDecision decision) => new()
    {
        ["outcome"] = decision.Outcome,
        ["votes"] = new JsonArray(decision.Votes.Select(vote => (JsonNode?)new JsonObject
        {
            ["user"] = vote.User,
            ["outcome"] = vote.Outcome,
            ["comment"] = vote.Comment,
            ["at"] = vote.At,
        }).ToArray()),
    };

    /// <summary>Throws 403 unless the acting user may decide the task: its holder, or an administrator, and not excluded.</summary>
    private static void CheckMayResolve(TaskAct act, string operation)
    {
        var task = act.Task;
        if (task.Assignee is not null && task.Assignee != act.Name && !act.IsAdministrator)
        {
            throw new TaskForbiddenException($"Task '{task.Id}' is held by '{task.Assignee}'; only its holder can {operation} it.");
        }

        CheckNotExcluded(act, operation);
    }

    private static void CheckResolvable(HumanTask task, string operation)
    {
        if (task.Status is HumanTaskStatus.Reserved or HumanTaskStatus.InProgress)
        {
            return;
        }

        throw new TaskConflictException(task.Status switch
        {
            HumanTaskStatus.Ready => $"Task '{task.Id}' has not been claimed. Claim it with POST /api/tasks/{task.Id}/claim before it is {operation}.",
            HumanTaskStatus.Suspended => $"Task '{task.Id}' is Suspended. Resume it with POST /api/tasks/{task.Id}/resume first.",
            _ => $"Task '{task.Id}' is {task.Status} and can no longer be {operation}.",
        });
    }

    private static Exception StaleTask(HumanTask task, string? ifMatch, HumanTask? current)
    {
        var now = current is null ? "it no longer exists" : $"it is now {current.Status} at ETag {current.ETag}";
        return !string.IsNullOrEmpty(ifMatch) && ifMatch != "*"
            ? new TaskPreconditionFailedException($"Task '{task.Id}' changed while this request waited, so ETag {ifMatch} is stale: {now}.")
            : new TaskConflictException($"Task '{task.Id}' changed while this request waited: {now}. Reload it and try again.");
    }
}
