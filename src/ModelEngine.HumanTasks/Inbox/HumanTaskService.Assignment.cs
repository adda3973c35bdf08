using System.Text.Json.Nodes;
using ModelEngine.HumanTasks.Model;

namespace ModelEngine.HumanTasks.Inbox;

public sealed partial class HumanTaskService
{
    public async Task<HumanTask> ClaimAsync(string taskId, TaskCaller caller, string? ifMatch, bool force = false, CancellationToken cancellationToken = default)
    {
        var act = await AuthorizeAsync(taskId, caller, cancellationToken).ConfigureAwait(false);
        var task = act.Task;
        if (!act.IsCandidate && !act.IsAdministrator && task.Assignee != act.Name)
        {
            throw new TaskForbiddenException($"User '{act.Name}' is not a candidate of task '{taskId}', so they cannot claim it.");
        }

        if (force && !act.IsAdministrator)
        {
            throw new TaskForbiddenException($"Only admins and the business administrators of task '{taskId}' may claim it with force=true.");
        }

        CheckNotExcluded(act, "claim");
        CheckETag(task, ifMatch);

        if (task.Status is HumanTaskStatus.Reserved or HumanTaskStatus.InProgress && task.Assignee == act.Name)
        {
            return task;
        }

        var takeover = force && task.Status is HumanTaskStatus.Reserved or HumanTaskStatus.InProgress;
        if (task.Status != HumanTaskStatus.Ready && !takeover)
        {
            throw new TaskConflictException(task.Status switch
            {
                HumanTaskStatus.Reserved or HumanTaskStatus.InProgress =>
                    $"Task '{taskId}' is already claimed by '{task.Assignee}'. An administrator can take it over with POST /api/tasks/{taskId}/claim?force=true.",
                _ => $"Task '{taskId}' is {task.Status} and cannot be claimed.",
            });
        }

        var claimed = task with
        {
            Status = HumanTaskStatus.Reserved,
            Assignee = act.Name,
            Owner = null,
            DelegationState = null,
        };
        var details = takeover ? new JsonObject { ["previousAssignee"] = task.Assignee, ["force"] = true } : null;
        return await SaveAsync(act, claimed, HumanTaskActions.Claim, HumanTaskEventKind.Claimed, ifMatch, details, null, cancellationToken).ConfigureAwait(false);
    }

    public async Task<HumanTask> ReleaseAsync(string taskId, TaskCaller caller, string? ifMatch, CancellationToken cancellationToken = default)
    {
        var act = await AuthorizeAsync(taskId, caller, cancellationToken).ConfigureAwait(false);
        CheckHolderOrAdministrator(act, "release");
        CheckETag(act.Task, ifMatch);
        CheckStatus(act.Task, "released", HumanTaskStatus.Reserved, HumanTaskStatus.InProgress);
        if (act.Task.DelegationState == HumanTaskDelegationState.Pending)
        {
            throw new TaskConflictException(
                $"Task '{taskId}' is delegated to '{act.Task.Assignee}' by '{act.Task.Owner}'. Resolve it with POST /api/tasks/{taskId}/resolve to hand it back.");
        }

        var released = act.Task with { Status = HumanTaskStatus.Ready, Assignee = null, Owner = null, DelegationState = null };
        return await SaveAsync(act, released, HumanTaskActions.Release, HumanTaskEventKind.Released, ifMatch, null, null, cancellationToken).ConfigureAwait(false);
    }

    public async Task<HumanTask> StartAsync(string taskId, TaskCaller caller, string? ifMatch, CancellationToken cancellationToken = default)
    {
        var act = await AuthorizeAsync(taskId, caller, cancellationToken).ConfigureAwait(false);
        var task = act.Task;
        var claimsIt = task.Status == HumanTaskStatus.Ready && (act.IsCandidate || act.IsAdministrator);
        if (!claimsIt)
        {
            CheckHolderOrAdministrator(act, "start");
        }

        CheckNotExcluded(act, "start");
        CheckETag(task, ifMatch);
        if (task.Status == HumanTaskStatus.InProgress && task.Assignee == act.Name)
        {
            return task;
        }

        CheckStatus(task, "started", HumanTaskStatus.Ready, HumanTaskStatus.Reserved);
        var started = task with { Status = HumanTaskStatus.InProgress, Assignee = task.Assignee ?? act.Name };
        var kind = claimsIt ? HumanTaskEventKind.Claimed : HumanTaskEventKind.Updated;
        return await SaveAsync(act, started, HumanTaskActions.Start, kind, ifMatch, null, null, cancellationToken).ConfigureAwait(false);
    }

    public async Task<HumanTask> StopAsync(string taskId, TaskCaller caller, string? ifMatch, CancellationToken cancellationToken = default)
    {
        var act = await AuthorizeAsync(taskId, caller, cancellationToken).ConfigureAwait(false);
        CheckHolderOrAdministrator(act, "stop");
        CheckETag(act.Task, ifMatch);
        CheckStatus(act.Task, "stopped", HumanTaskStatus.InProgress);
        var stopped = act.Task with { Status = HumanTaskStatus.Reserved };
        return await SaveAsync(act, stopped, HumanTaskActions.Stop, HumanTaskEventKind.Updated, ifMatch, null, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Hands the task to <paramref name="delegate"/> while its holder stays the owner; the delegate resolves it back
    /// with <see cref="ResolveAsync"/>.
    /// </summary>
    public async Task<HumanTask> DelegateAsync(string taskId, TaskCaller caller, string @delegate, string? ifMatch, CancellationToken cancellationToken = default)
    {
        var act = await AuthorizeAsync(taskId, caller, cancellationToken).ConfigureAwait(false);
        var target = RequireName(@delegate, "to", "the user who works on the task and hands it back, such as \"carol\"");
        CheckHolderOrAdministrator(act, "delegate");
        CheckNotExcluded(act.Task, target, "receive");
        CheckETag(act.Task, ifMatch);
        CheckStatus(act.Task, "delegated", HumanTaskStatus.Reserved, HumanTaskStatus.InProgress);
        if (target == act.Task.Assignee)
        {
            throw new TaskValidationException("to", target, $"Task '{taskId}' is already held by '{target}'. Name another user to delegate to.");
        }

        var delegated = act.Task with
        {
            Status = HumanTaskStatus.Reserved,
            Assignee = target,
            Owner = act.Task.Owner ?? act.Task.Assignee,
            DelegationState = HumanTaskDelegationState.Pending,
        };
        var details = new JsonObject { ["to"] = target, ["owner"] = delegated.Owner };
        return await SaveAsync(act, delegated, HumanTaskActions.Delegate, HumanTaskEventKind.Assigned, ifMatch, details, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Hands a delegated task back to its owner, with an optional comment and draft data from the delegate.</summary>
    public async Task<HumanTask> ResolveAsync(string taskId, TaskCaller caller, string? comment, JsonNode? data, string? ifMatch, CancellationToken cancellationToken = default)
    {
        var act = await AuthorizeAsync(taskId, caller, cancellationToken).ConfigureAwait(false);
        CheckHolderOrAdministrator(act, "resolve");
        CheckETag(act.Task, ifMatch);
        CheckStatus(act.Task, "resolved", HumanTaskStatus.Reserved, HumanTaskStatus.InProgress);
        if (act.Task.DelegationState != HumanTaskDelegationState.Pending || act.Task.Owner is null)
        {
            throw new TaskConflictException($"Task '{taskId}' is not delegated, so there is nothing to resolve. Complete it instead.");
        }

        var resolved = act.Task with
        {
            Status = HumanTaskStatus.Reserved,
            Assignee = act.Task.Owner,
            DelegationState = HumanTaskDelegationState.Resolved,
            DraftData = data?.DeepClone() ?? act.Task.DraftData,
        };
        var extra = CommentChange(act, comment);
        var details = new JsonObject { ["delegate"] = act.Task.Assignee, ["owner"] = act.Task.Owner, ["comment"] = comment };
        return await SaveAsync(act, resolved, HumanTaskActions.Resolve, HumanTaskEventKind.Assigned, ifMatch, details, extra, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Offers the task to other candidates: it becomes Ready with the new candidate users and groups.</summary>
    public async Task<HumanTask> ForwardAsync(
        string taskId, TaskCaller caller, IReadOnlyList<string> candidateUsers, IReadOnlyList<string> candidateGroups, string? ifMatch, CancellationToken cancellationToken = default)
    {
        var act = await AuthorizeAsync(taskId, caller, cancellationToken).ConfigureAwait(false);
        var users = Names(candidateUsers, "candidateUsers");
        var groups = Names(candidateGroups, "candidateGroups");
        if (users.Count == 0 && groups.Count == 0)
        {
            throw new TaskValidationException("candidateUsers", null, "Name at least one user in 'candidateUsers' or one group in 'candidateGroups' to forward the task to.");
        }

        CheckHolderOrAdministrator(act, "forward");
        foreach (var user in users)
        {
            CheckNotExcluded(act.Task, user, "receive");
        }

        CheckETag(act.Task, ifMatch);
        CheckStatus(act.Task, "forwarded", HumanTaskStatus.Ready, HumanTaskStatus.Reserved, HumanTaskStatus.InProgress);
        var forwarded = act.Task with
        {
            Status = HumanTaskStatus.Ready,
            Assignee = null,
            Owner = null,
            DelegationState = null,
            CandidateUsers = users,
            CandidateGroups = groups,
        };
        var details = new JsonObject { ["candidateUsers"] = ToArray(users), ["candidateGroups"] = ToArray(groups) };
        return await SaveAsync(act, forwarded, HumanTaskActions.Forward, HumanTaskEventKind.Released, ifMatch, details, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Gives the task to another holder; the previous holder keeps no claim on it.</summary>
    public async Task<HumanTask> ReassignAsync(string taskId, TaskCaller caller, string assignee, string? ifMatch, CancellationToken cancellationToken = default)
    {
        var act = await AuthorizeAsync(taskId, caller, cancellationToken).ConfigureAwait(false);
        var target = RequireName(assignee, "assignee", "the user who holds the task from now on, such as \"carol\"");
        CheckHolderOrAdministrator(act, "reassign");
        CheckNotExcluded(act.Task, target, "receive");
        CheckETag(act.Task, ifMatch);
        CheckStatus(act.Task, "reassigned", HumanTaskStatus.Ready, HumanTaskStatus.Reserved, HumanTaskStatus.InProgress);
        var reassigned = act.Task with { Status = HumanTaskStatus.Reserved, Assignee = target, Owner = null, DelegationState = null };
        var details = new JsonObject { ["assignee"] = target, ["previousAssignee"] = act.Task.Assignee };
        return await SaveAsync(act, reassigned, HumanTaskActions.Reassign, HumanTaskEventKind.Assigned, ifMatch, details, null, cancellationToken).ConfigureAwait(false);
    }

    public async Task<HumanTask> SuspendAsync(string taskId, TaskCaller caller, string? ifMatch, CancellationToken cancellationToken = default)
    {
        var act = await AuthorizeAsync(taskId, caller, cancellationToken).ConfigureAwait(false);
        CheckHolderOrAdministrator(act, "suspend");
        CheckETag(act.Task, ifMatch);
        CheckStatus(act.Task, "suspended", HumanTaskStatus.Ready, HumanTaskStatus.Reserved, HumanTaskStatus.InProgress);
        var suspended = act.Task with { Status = HumanTaskStatus.Suspended, SuspendedFrom = act.Task.Status };
        return await SaveAsync(act, suspended, HumanTaskActions.Suspend, HumanTaskEventKind.Updated, ifMatch, null, null, cancellationToken).ConfigureAwait(false);
    }

    public async Task<HumanTask> ResumeAsync(string taskId, TaskCaller caller, string? ifMatch, CancellationToken cancellationToken = default)
    {
        var act = await AuthorizeAsync(taskId, caller, cancellationToken).ConfigureAwait(false);
        CheckHolderOrAdministrator(act, "resume");
        CheckETag(act.Task, ifMatch);
        CheckStatus(act.Task, "resumed", HumanTaskStatus.Suspended);
        var status = act.Task.SuspendedFrom ?? (act.Task.Assignee is null ? HumanTaskStatus.Ready : HumanTaskStatus.Reserved);
        var resumed = act.Task with { Status = status, SuspendedFrom = null };
        return await SaveAsync(act, resumed, HumanTaskActions.Resume, HumanTaskEventKind.Updated, ifMatch, null, null, cancellationToken).ConfigureAwait(false);
    }

    private static string RequireName(string? name, string field, string example)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new TaskValidationException(field, name, $"'{field}' is missing. Give {example}.");
        }

        TaskLimits.CheckName(field, name.Trim());
        return name.Trim();
    }

    private static List<string> Names(IReadOnlyList<string>? names, string field)
    {
        var list = (names ?? []).Where(name => !string.IsNullOrWhiteSpace(name)).Select(name => name.Trim()).Distinct(StringComparer.Ordinal).ToList();
        foreach (var name in list)
        {
            TaskLimits.CheckName(field, name);
        }

        return list;
    }

    private static JsonArray ToArray(IEnumerable<string> values) => new(values.Select(value => (JsonNode?)value).ToArray());
}
