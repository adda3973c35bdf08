using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelEngine.HumanTasks.Model;
using ModelEngine.HumanTasks.Substitutes;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Runtime;
using ModelEngine.Workflows.Security;

namespace ModelEngine.HumanTasks.Inbox;

/// <summary>
/// The reviewer's operations with the human-task access rules: 404 for callers who cannot see the task, then 403, then a
/// stale ETag (412), then the wrong status (409). Each change writes a history entry and an event in its own
/// transaction.
/// </summary>
public sealed partial class HumanTaskService : IHumanTaskService
{
    private readonly IHumanTaskStore _store;
    private readonly IWorkflowRuntime _runtime;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<HumanTaskService> _logger;
    private readonly ISubstituteStore? _substitutes;
    private readonly HumanTaskOptions _options;

    public HumanTaskService(
        IHumanTaskStore store,
        IWorkflowRuntime runtime,
        TimeProvider timeProvider,
        ILogger<HumanTaskService> logger,
        ISubstituteStore? substitutes = null,
        IOptions<HumanTaskOptions>? options = null)
    {
        _store = store;
        _runtime = runtime;
        _timeProvider = timeProvider;
        _logger = logger;
        _substitutes = substitutes;
        _options = options?.Value ?? new HumanTaskOptions();
    }

    public Task<Page<HumanTask>> GetInboxAsync(UserIdentity user, PageRequest page, CancellationToken cancellationToken = default) =>
        _store.ListInboxAsync(user, page, cancellationToken);

    public async Task<HumanTask> GetAsync(string taskId, UserIdentity user, CancellationToken cancellationToken = default) =>
        (await AuthorizeAsync(taskId, user, cancellationToken).ConfigureAwait(false)).Task;

    public async Task<IReadOnlyList<HumanTaskHistoryEntry>> GetHistoryAsync(string taskId, UserIdentity user, CancellationToken cancellationToken = default)
    {
        await AuthorizeAsync(taskId, user, cancellationToken).ConfigureAwait(false);
        return await _store.GetHistoryAsync(taskId, cancellationToken).ConfigureAwait(false);
    }

    public async Task<TaskForm> GetFormAsync(string taskId, UserIdentity user, CancellationToken cancellationToken = default)
    {
        var task = (await AuthorizeAsync(taskId, user, cancellationToken).ConfigureAwait(false)).Task;
        return new TaskForm(task.FormSchema, task.UiSchema, task.DraftData, task.Outcomes);
    }

    /// <summary>
    /// Finds the task and works out as whom the caller acts: as themselves, for the user named in
    /// <see cref="TaskCaller.OnBehalfOf"/> (administrators only), or for a user they substitute for today.
    /// </summary>
    private async Task<TaskAct> AuthorizeAsync(string taskId, TaskCaller caller, CancellationToken cancellationToken)
    {
        var task = await _store.FindAsync(taskId, cancellationToken).ConfigureAwait(false)
            ?? throw NotFound(taskId);
        var user = caller.User;
        var onBehalfOf = string.IsNullOrWhiteSpace(caller.OnBehalfOf) || caller.OnBehalfOf == user.Name ? null : caller.OnBehalfOf.Trim();
        TaskLimits.CheckName("onBehalfOf", onBehalfOf);
        var isAdministrator = TaskAccess.IsAdministrator(task, user);

        if (TaskAccess.CanSee(task, user))
        {
            if (onBehalfOf is null)
            {
                return new TaskAct(task, user.Name, user.Name, null, isAdministrator, IsCandidate(task, user));
            }

            if (!isAdministrator)
            {
                throw new TaskForbiddenException(
                    $"Only admins and the business administrators of task '{taskId}' may act on behalf of another user ('{onBehalfOf}'). Leave out onBehalfOf to act as yourself.");
            }

            // The administrator vouches for the user, whose groups the server does not know.
            return new TaskAct(task, onBehalfOf, user.Name, onBehalfOf, true, true);
        }

        if (_substitutes is not null)
        {
            var principals = await _substitutes.GetPrincipalsAsync(user.Name, _timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            var principal = principals.FirstOrDefault(name => TaskAccess.IsInvolved(task, name) && (onBehalfOf is null || onBehalfOf == name));
            if (principal is not null)
            {
                var isCandidate = task.CandidateUsers.Contains(principal, StringComparer.Ordinal);
                return new TaskAct(task, principal, user.Name, principal, false, isCandidate);
            }
        }

        throw NotFound(taskId);
    }

    private static bool IsCandidate(HumanTask task, UserIdentity user) =>
        task.CandidateUsers.Contains(user.Name, StringComparer.Ordinal) || task.CandidateGroups.Any(user.IsInGroup);

    private static TaskNotFoundException NotFound(string taskId) =>
        new($"Task '{taskId}' does not exist or is not visible to you.");

    private static void CheckETag(HumanTask task, string? ifMatch)
    {
        // If-Match compares strong ETags only, so a weak one never matches.
        if (!string.IsNullOrEmpty(ifMatch) && ifMatch != "*" && ifMatch.Trim() != task.ETag)
        {
            throw new TaskPreconditionFailedException($"Task '{task.Id}' has ETag {task.ETag}, not {ifMatch}.");
        }
    }

    /// <summary>
    /// Throws 403 when the four-eyes rules keep the acting user or the caller away from the task: neither a substitute
    /// nor an administrator acting for someone else may decide a task that excludes them.
    /// </summary>
    private static void CheckNotExcluded(TaskAct act, string operation)
    {
        CheckNotExcluded(act.Task, act.Name, operation);
        if (act.Actor != act.Name)
        {
            CheckNotExcluded(act.Task, act.Actor, operation);
        }
    }

    /// <summary>Throws 403 when the four-eyes rules keep <paramref name="name"/> away from the task.</summary>
    private static void CheckNotExcluded(HumanTask task, string name, string operation)
    {
        if (TaskAccess.IsExcluded(task, name))
        {
            throw new TaskForbiddenException(
                $"User '{name}' may not {operation} task '{task.Id}': the task's four-eyes rules exclude them (excluded users, the initiator or an earlier approver).");
        }
    }

    /// <summary>Throws 403 unless the acting user is the task's holder or the caller administers it.</summary>
    private static void CheckHolderOrAdministrator(TaskAct act, string operation)
    {
        if (act.Task.Assignee != act.Name && !act.IsAdministrator)
        {
            var holder = act.Task.Assignee is null ? "nobody holds it" : $"it is held by '{act.Task.Assignee}'";
            throw new TaskForbiddenException($"Only the holder or an administrator may {operation} task '{act.Task.Id}', and {holder}.");
        }
    }

    private static void CheckStatus(HumanTask task, string operation, params HumanTaskStatus[] allowed)
    {
        if (!allowed.Contains(task.Status))
        {
            throw new TaskConflictException(
                $"Task '{task.Id}' is {task.Status}, so it cannot be {operation}; that needs status {string.Join(" or ", allowed)}.");
        }
    }

    /// <summary>
    /// Writes <paramref name="updated"/> with a history entry and an event in one transaction, unless another request
    /// changed the task first: then the caller gets 412 when it sent an ETag, and 409 otherwise.
    /// </summary>
    private async Task<HumanTask> SaveAsync(
        TaskAct act,
        HumanTask updated,
        string action,
        HumanTaskEventKind kind,
        string? ifMatch,
        JsonObject? details,
        IReadOnlyList<object>? extra,
        CancellationToken cancellationToken)
    {
        var task = act.Task;
        var now = _timeProvider.GetUtcNow();
        updated = updated with { UpdatedAt = now, Revision = task.Revision + 1 };
        var changes = new List<object> { History(act, updated, action, now, details), Event(act, updated, kind, now) };
        changes.AddRange(extra ?? []);
        try
        {
            await _store.UpdateAsync(new HumanTaskUpdated(updated, task.Revision) { Previous = task }, changes, cancellationToken).ConfigureAwait(false);
        }
        catch (ConcurrencyConflictException exception)
        {
            if (!string.IsNullOrEmpty(ifMatch) && ifMatch != "*")
            {
                throw new TaskPreconditionFailedException($"Task '{task.Id}' changed while the {action} was written, so ETag {ifMatch} is stale. {exception.Message}");
            }

            throw new TaskConflictException($"Task '{task.Id}' changed while the {action} was written; reload it and try again. {exception.Message}");
        }

        LogOperation(_logger, action, task.Id, task.WorkflowInstanceId, act.Actor, act.OnBehalfOf);
        return updated;
    }

    private static HumanTaskHistoryEntry History(TaskAct act, HumanTask after, string action, DateTimeOffset at, JsonObject? details) => new()
    {
        Id = HumanTaskHistory.NewId(),
        TaskId = after.Id,
        WorkflowInstanceId = after.WorkflowInstanceId,
        Action = action,
        Actor = act.Actor,
        OnBehalfOf = act.OnBehalfOf,
        At = at,
        StatusBefore = act.Task.Status,
        StatusAfter = after.Status,
        Details = details,
    };

    private static HumanTaskEvent Event(TaskAct act, HumanTask after, HumanTaskEventKind kind, DateTimeOffset at) => new()
    {
        Id = HumanTaskHistory.NewId(),
        Kind = kind,
        Task = after,
        Actor = act.Actor,
        OnBehalfOf = act.OnBehalfOf,
        PreviousAssignee = act.Task.Assignee,
        At = at,
    };

    /// <summary>The task found for an operation, and as whom the caller acts on it.</summary>
    /// <param name="Task">The task as read before the operation.</param>
    /// <param name="Name">The user the operation is checked as: the caller, or the user they act for.</param>
    /// <param name="Actor">The caller.</param>
    /// <param name="OnBehalfOf">The user the caller acts for, or <see langword="null"/>.</param>
    /// <param name="IsAdministrator">Whether the caller is an admin or a business administrator of the task.</param>
    /// <param name="IsCandidate">Whether <paramref name="Name"/> may claim the task as a candidate.</param>
    private sealed record TaskAct(HumanTask Task, string Name, string Actor, string? OnBehalfOf, bool IsAdministrator, bool IsCandidate);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Task {TaskId} of workflow instance {WorkflowInstanceId}: {Action} by {Actor} on behalf of {OnBehalfOf}")]
    private static partial void LogOperation(ILogger logger, string action, string taskId, string workflowInstanceId, string actor, string? onBehalfOf);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Task {TaskId} of workflow instance {WorkflowInstanceId} completed by {User} with {Outcome}; vote decided: {Decided}")]
    private static partial void LogCompleted(ILogger logger, string taskId, string workflowInstanceId, string user, string outcome, bool decided);
}
