using ModelEngine.HumanTasks.Inbox;
using ModelEngine.HumanTasks.Model;
using ModelEngine.HumanTasks.Substitutes;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Security;

namespace ModelEngine.HumanTasks.Search;

/// <summary>
/// Searches the tasks of <see cref="InMemoryHumanTaskStore"/>, and keeps the variable snapshots of in-memory commits.
/// For tests and database-less hosts.
/// </summary>
public sealed class InMemoryTaskSearch : ITaskSearch, ICommitChangeHandler
{
    private static readonly HumanTaskStatus[] OpenStatuses = Enum.GetValues<HumanTaskStatus>().Where(status => status.IsOpen()).ToArray();

    private readonly object _gate = new();
    private readonly Dictionary<string, HumanTaskVariables> _variables = new(StringComparer.Ordinal);
    private readonly InMemoryHumanTaskStore _store;
    private readonly ISubstituteStore _substitutes;

    public InMemoryTaskSearch(InMemoryHumanTaskStore store, ISubstituteStore substitutes)
    {
        _store = store;
        _substitutes = substitutes;
    }

    public async Task<TaskSearchResult> SearchAsync(UserIdentity user, TaskSearchRequest request, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(request);
        TaskSearchParser.Validate(request);

        var principals = await _substitutes.GetPrincipalsAsync(user.Name, now, cancellationToken).ConfigureAwait(false);
        var names = principals.Append(user.Name).ToHashSet(StringComparer.Ordinal);
        var visible = _store.ListAll().Where(task => IsVisible(task, user, names)).ToList();

        var matching = visible.Where(task => Matches(task, request.Filter, user, names)).ToList();
        var ordered = TaskSearchOrder.Sort(matching, request.Sort).ToList();
        IEnumerable<HumanTask> page = request.Cursor is { } cursor
            ? ordered.Where(task => TaskSearchOrder.IsAfter(task, cursor))
            : ordered.Skip(request.Offset);
        var rows = page.Take(request.PageSize + 1).ToList();

        TaskSearchCursor? next = null;
        if (rows.Count > request.PageSize)
        {
            rows.RemoveAt(rows.Count - 1);
            next = TaskSearchCursor.After(rows[^1], request.Sort);
        }

        var open = visible.Where(task => task.Status.IsOpen()).ToList();
        var counts = new TaskSearchCounts(
            Mine: open.LongCount(task => task.Assignee == user.Name),
            MyGroups: open.LongCount(task => task.CandidateGroups.Any(user.IsInGroup)),
            Overdue: open.LongCount(task => task.DueAt < now));
        return new TaskSearchResult(rows, next, matching.Count, counts);
    }

    public bool CanApply(object change) => change is HumanTaskVariables;

    public void Validate(object change)
    {
    }

    public void Apply(object change)
    {
        if (change is HumanTaskVariables variables)
        {
            lock (_gate)
            {
                _variables[variables.TaskId] = variables;
            }
        }
    }

    public void RemoveInstance(string workflowInstanceId)
    {
        lock (_gate)
        {
            foreach (var taskId in _variables.Values.Where(v => v.WorkflowInstanceId == workflowInstanceId).Select(v => v.TaskId).ToList())
            {
                _variables.Remove(taskId);
            }
        }
    }

    /// <summary>
    /// The visibility rule of <see cref="TaskAccess.CanSee"/>, widened to the users the caller substitutes for, whose
    /// tasks the caller sees as their holder or candidate user.
    /// </summary>
    private static bool IsVisible(HumanTask task, UserIdentity user, IReadOnlySet<string> names) =>
        TaskAccess.CanSee(task, user)
        || (task.Assignee is { } assignee && names.Contains(assignee))
        || task.CandidateUsers.Any(names.Contains);

    private bool Matches(HumanTask task, TaskSearchFilter filter, UserIdentity user, IReadOnlySet<string> names)
    {
        var statuses = filter.Status.Count > 0 ? filter.Status : OpenStatuses;
        if (!statuses.Contains(task.Status)
            || (filter.Assignee is { } assignee && task.Assignee != assignee)
            || (filter.CandidateOfMe && !task.CandidateUsers.Any(names.Contains) && !task.CandidateGroups.Any(user.IsInGroup))
            || (filter.Group is { } group && !task.CandidateGroups.Contains(group, StringComparer.Ordinal))
            || (filter.DefinitionId is { } definitionId && task.DefinitionId != definitionId)
            || (filter.WorkflowInstanceId is { } instanceId && task.WorkflowInstanceId != instanceId)
            || (filter.DueBefore is { } dueBefore && !(task.DueAt < dueBefore))
            || (filter.DueAfter is { } dueAfter && !(task.DueAt >= dueAfter))
            || (filter.MinPriority is { } min && task.Priority < min)
            || (filter.MaxPriority is { } max && task.Priority > max)
            || (filter.Text is { } text && !ContainsText(task, text)))
        {
            return false;
        }

        if (filter.Variables.Count == 0)
        {
            return true;
        }

        HumanTaskVariables? captured;
        lock (_gate)
        {
            captured = _variables.GetValueOrDefault(task.Id);
        }

        return captured is not null && filter.Variables.All(condition => MatchesVariable(captured, condition));
    }

    private static bool ContainsText(HumanTask task, string text) =>
        task.Title.Contains(text, StringComparison.OrdinalIgnoreCase)
        || (task.Description?.Contains(text, StringComparison.OrdinalIgnoreCase) ?? false);

    private static bool MatchesVariable(HumanTaskVariables captured, VariableFilter condition)
    {
        if (!captured.Values.TryGetValue(condition.Name, out var text))
        {
            return false;
        }

        return condition.Operator == VariableFilterOperator.Equals
            ? text == condition.Value
            : HumanTaskVariables.Normalize(text).Contains(HumanTaskVariables.Normalize(condition.Value), StringComparison.Ordinal);
    }
}
