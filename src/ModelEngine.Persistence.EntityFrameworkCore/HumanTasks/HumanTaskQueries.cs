using ModelEngine.HumanTasks.Model;
using ModelEngine.Workflows.Security;

namespace ModelEngine.Persistence.EntityFrameworkCore.HumanTasks;

/// <summary>Query pieces shared by the inbox and the instance list.</summary>
internal static class HumanTaskQueries
{
    /// <summary>The statuses in which a task appears in inboxes, as <see cref="HumanTaskStatusExtensions.IsOpen"/> defines them.</summary>
    public static readonly HumanTaskStatus[] OpenStatuses =
        Enum.GetValues<HumanTaskStatus>().Where(status => status.IsOpen()).ToArray();

    /// <summary>The statuses a task can still leave, which <see cref="HumanTaskClosed"/> moves to a final status.</summary>
    public static readonly HumanTaskStatus[] NonFinalStatuses =
        Enum.GetValues<HumanTaskStatus>().Where(status => !status.IsFinal()).ToArray();

    /// <summary>
    /// Filters tasks to those <paramref name="user"/> can see without being an admin: as holder, owner, candidate user,
    /// member of a candidate group or business administrator of the task. The admin rule is left to the caller.
    /// </summary>
    public static IQueryable<HumanTaskEntity> HeldOrCandidate(
        this IQueryable<HumanTaskEntity> tasks, ModelEngineDbContext context, UserIdentity user) =>
        tasks.VisibleTo(context, user, [], openOnly: false);

    /// <summary>
    /// Filters tasks as <see cref="HeldOrCandidate"/> does, and adds the tasks that one of <paramref name="principals"/>,
    /// the users the caller substitutes for, is the holder or a candidate user of. With <paramref name="openOnly"/>, only
    /// the candidate rows of open tasks count, which is right only when the caller keeps open tasks alone.
    /// </summary>
    public static IQueryable<HumanTaskEntity> VisibleTo(
        this IQueryable<HumanTaskEntity> tasks, ModelEngineDbContext context, UserIdentity user, IReadOnlyCollection<string> principals, bool openOnly)
    {
        var name = user.Name;
        var names = principals.Append(name).Distinct(StringComparer.Ordinal).ToList();
        var groups = user.Groups.ToList();

        // An uncorrelated IN subquery runs once and reads the (Kind, Name, TaskId) index, where a correlated EXISTS
        // would probe the candidates of every task. The assigned and owned tasks join it as a UNION ALL rather than an
        // OR on the outer query, because the OR makes PostgreSQL scan every task instead of looking up the few visible ids.
        var candidates = openOnly ? context.HumanTaskCandidates.Where(c => !c.IsInactive) : context.HumanTaskCandidates;
        var candidateTaskIds = candidates
            .Where(c => (c.Kind == HumanTaskCandidateEntity.UserKind && names.Contains(c.Name))
                || (c.Kind == HumanTaskCandidateEntity.GroupKind && groups.Contains(c.Name))
                || (c.Kind == HumanTaskCandidateEntity.AdministratorKind && c.Name == name))
            .Select(c => c.TaskId);
        var assignedTaskIds = context.HumanTasks
            .Where(t => t.Assignee != null && names.Contains(t.Assignee))
            .Select(t => t.Id);
        var ownedTaskIds = context.HumanTasks
            .Where(t => t.Owner == name)
            .Select(t => t.Id);
        var visibleTaskIds = candidateTaskIds.Concat(assignedTaskIds).Concat(ownedTaskIds);

        return tasks.Where(t => visibleTaskIds.Contains(t.Id));
    }
}
