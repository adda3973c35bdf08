using ModelEngine.HumanTasks.Model;
using ModelEngine.Workflows.Security;

namespace ModelEngine.HumanTasks.Inbox;

/// <summary>Who may see a task, administer it, or is kept away from it by the four-eyes rules.</summary>
public static class TaskAccess
{
    /// <summary>
    /// Whether <paramref name="user"/> may see the task: its holder, its owner, a candidate user, a member of a candidate
    /// group, a business administrator of the task, or an admin.
    /// </summary>
    public static bool CanSee(HumanTask task, UserIdentity user)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(user);
        return IsAdministrator(task, user) || IsInvolved(task, user.Name) || task.CandidateGroups.Any(user.IsInGroup);
    }

    /// <summary>Whether the user named <paramref name="name"/> holds, owns or is a candidate user of the task.</summary>
    public static bool IsInvolved(HumanTask task, string name)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.Assignee == name || task.Owner == name || task.CandidateUsers.Contains(name, StringComparer.Ordinal);
    }

    /// <summary>Whether <paramref name="user"/> is in the admins group or is a business administrator of the task.</summary>
    public static bool IsAdministrator(HumanTask task, UserIdentity user)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(user);
        return user.IsAdmin || task.BusinessAdministrators.Contains(user.Name, StringComparer.Ordinal);
    }

    /// <summary>Whether the four-eyes rules keep <paramref name="name"/> from holding or deciding the task.</summary>
    public static bool IsExcluded(HumanTask task, string name)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.ExcludedUsers.Contains(name, StringComparer.Ordinal);
    }
}
