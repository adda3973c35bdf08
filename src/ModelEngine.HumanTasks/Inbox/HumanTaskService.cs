using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using ModelEngine.HumanTasks.Model;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Runtime;
using ModelEngine.Workflows.Security;

namespace ModelEngine.HumanTasks.Inbox;

/// <summary>
/// Claim and complete with the human-task access rules: 404 for callers who cannot see the task, then 403, then a
/// stale ETag (412), then the wrong status (409).
/// </summary>
public sealed partial class HumanTaskService : IHumanTaskService
{
    private readonly IHumanTaskStore _store;
    private readonly IWorkflowRuntime _runtime;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<HumanTaskService> _logger;

    public HumanTaskService(IHumanTaskStore store, IWorkflowRuntime runtime, TimeProvider timeProvider, ILogger<HumanTaskService> logger)
    {
        _store = store;
        _runtime = runtime;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public Task<Page<HumanTask>> GetInboxAsync(UserIdentity user, PageRequest page, CancellationToken cancellationToken = default) =>
        _store.ListInboxAsync(user, page, cancellationToken);

    public async Task<HumanTask> GetAsync(string taskId, UserIdentity user, CancellationToken cancellationToken = default) =>
        await FindVisibleAsync(taskId, user, cancellationToken).ConfigureAwait(false);

    public async Task<HumanTask> ClaimAsync(string taskId, UserIdentity user, string? ifMatch, CancellationToken cancellationToken = default)
    {
        var task = await FindVisibleAsync(taskId, user, cancellationToken).ConfigureAwait(false);
        CheckETag(task, ifMatch);

        if (task.Status is HumanTaskStatus.Reserved or HumanTaskStatus.InProgress && task.Assignee == user.Name)
        {
            return task;
        }

        if (task.Status != HumanTaskStatus.Ready)
        {
            throw new TaskConflictException(task.Status.IsFinal()
                ? $"Task '{taskId}' is {task.Status} and can no longer be claimed."
                : $"Task '{taskId}' is already claimed by '{task.Assignee}'.");
        }

        var now = _timeProvider.GetUtcNow();
        var claimed = task with { Status = HumanTaskStatus.Reserved, Assignee = user.Name, UpdatedAt = now, Revision = task.Revision + 1 };
        try
        {
            await _store.UpdateAsync(claimed, task.Revision, null, cancellationToken).ConfigureAwait(false);
        }
        catch (ConcurrencyConflictException exception)
        {
            throw new TaskConflictException($"Task '{taskId}' changed while it was being claimed; reload it and try again. {exception.Message}");
        }

        LogClaimed(_logger, taskId, task.WorkflowInstanceId, user.Name);
        return claimed;
    }

    public Task<HumanTask> CompleteAsync(string taskId, UserIdentity user, TaskCompletion completion, string? ifMatch, CancellationToken cancellationToken = default) =>
        CompleteAsync(taskId, user, completion, ifMatch, commitChange: null, cancellationToken);

    public async Task<HumanTask> CompleteAsync(
        string taskId,
        UserIdentity user,
        TaskCompletion completion,
        string? ifMatch,
        Func<HumanTask, object>? commitChange,
        CancellationToken cancellationToken = default)
    {
        var task = await FindVisibleAsync(taskId, user, cancellationToken).ConfigureAwait(false);
        if (task.Assignee is not null && task.Assignee != user.Name && !user.IsAdmin)
        {
            throw new TaskForbiddenException($"Task '{taskId}' is held by '{task.Assignee}'; only its holder can complete it.");
        }

        CheckETag(task, ifMatch);
        if (task.Status is not (HumanTaskStatus.Reserved or HumanTaskStatus.InProgress))
        {
            throw new TaskConflictException(task.Status == HumanTaskStatus.Ready
                ? $"Task '{taskId}' has not been claimed. Claim it with POST /api/tasks/{taskId}/claim before completing it."
                : $"Task '{taskId}' is {task.Status} and can no longer be completed.");
        }

        var outcome = task.Outcomes.FirstOrDefault(candidate => string.Equals(candidate, completion.Outcome, StringComparison.OrdinalIgnoreCase));
        if (outcome is null)
        {
            throw new TaskValidationException("outcome", completion.Outcome, $"Outcome '{completion.Outcome}' is not one of this task's outcomes: {string.Join(", ", task.Outcomes)}.");
        }

        var now = _timeProvider.GetUtcNow();
        var completed = task with
        {
            Status = HumanTaskStatus.Completed,
            Outcome = outcome,
            Comment = completion.Comment,
            ResultData = completion.Data?.DeepClone(),
            CompletedBy = user.Name,
            CompletedAt = now,
            UpdatedAt = now,
            Revision = task.Revision + 1,
        };

        var result = new JsonObject
        {
            ["outcome"] = outcome,
            ["comment"] = completion.Comment,
            ["data"] = completion.Data?.DeepClone(),
            ["completedBy"] = user.Name,
        };

        try
        {
            IReadOnlyList<object> changes = commitChange is null
                ? [new HumanTaskUpdated(completed, task.Revision)]
                : [new HumanTaskUpdated(completed, task.Revision), commitChange(completed)];
            await _runtime.ResumeAsync(new ResumeWorkflowRequest(task.WorkflowInstanceId, task.BookmarkId, result, changes, RemoveActivityTimers: true), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is BookmarkNotFoundException or ConcurrencyConflictException)
        {
            throw new TaskConflictException($"Task '{taskId}' was completed or changed by another request. {exception.Message}");
        }

        LogCompleted(_logger, taskId, task.WorkflowInstanceId, user.Name, outcome);
        return completed;
    }

    private async Task<HumanTask> FindVisibleAsync(string taskId, UserIdentity user, CancellationToken cancellationToken)
    {
        var task = await _store.FindAsync(taskId, cancellationToken).ConfigureAwait(false);
        if (task is null || !TaskAccess.CanSee(task, user))
        {
            throw new TaskNotFoundException($"Task '{taskId}' does not exist or is not visible to you.");
        }

        return task;
    }

    private static void CheckETag(HumanTask task, string? ifMatch)
    {
        if (!string.IsNullOrEmpty(ifMatch) && ifMatch != "*" && ifMatch.Trim() != task.ETag && ifMatch.Trim() != $"W/{task.ETag}")
        {
            throw new TaskPreconditionFailedException($"Task '{task.Id}' has ETag {task.ETag}, not {ifMatch}. Reload the task and try again.");
        }
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Task {TaskId} of workflow instance {WorkflowInstanceId} claimed by {User}")]
    private static partial void LogClaimed(ILogger logger, string taskId, string workflowInstanceId, string user);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Task {TaskId} of workflow instance {WorkflowInstanceId} completed by {User} with {Outcome}")]
    private static partial void LogCompleted(ILogger logger, string taskId, string workflowInstanceId, string user, string outcome);
}
