using ModelEngine.HumanTasks.Model;
using ModelEngine.HumanTasks.Substitutes;
using ModelEngine.Workflows.Security;

namespace ModelEngine.Server.Notifications.LiveInbox;

/// <summary>
/// The users whose inbox a task event changes: the assignee, the previous assignee, the owner, the candidate users,
/// the members of the candidate groups, the business administrators, the substitutes of the named users, and admins.
/// </summary>
internal sealed class TaskAudience
{
    private readonly HashSet<string> _users;
    private readonly HashSet<string> _groups;
    private readonly HashSet<string> _excluded;

    private TaskAudience(HashSet<string> users, HashSet<string> groups, HashSet<string> excluded)
    {
        _users = users;
        _groups = groups;
        _excluded = excluded;
    }

    public IReadOnlySet<string> Users => _users;

    /// <summary>
    /// Collects the audience of <paramref name="taskEvent"/>. Substitutes come from <paramref name="substitutes"/> when
    /// the host has a substitute store, for rules live at the event's time.
    /// </summary>
    public static async Task<TaskAudience> ForAsync(HumanTaskEvent taskEvent, ISubstituteStore? substitutes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(taskEvent);
        var task = taskEvent.Task;
        var users = new HashSet<string>(StringComparer.Ordinal);
        AddIfPresent(users, task.Assignee);
        AddIfPresent(users, taskEvent.PreviousAssignee);
        AddIfPresent(users, task.Owner);
        users.UnionWith(task.CandidateUsers);
        users.UnionWith(task.BusinessAdministrators);

        if (substitutes is not null)
        {
            foreach (var user in users.ToList())
            {
                users.UnionWith(await substitutes.GetSubstitutesAsync(user, taskEvent.At, cancellationToken).ConfigureAwait(false));
            }
        }

        return new TaskAudience(
            users,
            new HashSet<string>(task.CandidateGroups, StringComparer.Ordinal),
            new HashSet<string>(task.ExcludedUsers, StringComparer.Ordinal));
    }

    /// <summary>
    /// Whether the event concerns <paramref name="user"/>. A member of a candidate group whom the four-eyes rules
    /// exclude is not notified, unless the task names them in another role.
    /// </summary>
    public bool Includes(UserIdentity user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (_users.Contains(user.Name) || user.IsAdmin)
        {
            return true;
        }

        return !_excluded.Contains(user.Name) && _groups.Any(user.IsInGroup);
    }

    private static void AddIfPresent(HashSet<string> users, string? user)
    {
        if (!string.IsNullOrEmpty(user))
        {
            users.Add(user);
        }
    }
}
