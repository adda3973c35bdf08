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
    /// Filters tasks to those assigned to <paramref name="user"/> or offered to them as a candidate, by name or by one of their groups.
    /// The admin rule is left to the caller.
    /// </summary>
    public static IQueryable<HumanTaskEntity> HeldOrCandidate(
        this IQueryable<HumanTaskEntity> tasks, ModelEngineDbContext context, UserIdentity user)
    {
        var name = user.Name;
        var groups = user.Groups.ToList();

        // An uncorrelated IN subquery runs once and reads the (Kind, Name, TaskId) index, where a correlated EXISTS
        // would probe the candidates of every task. The assigned tasks join it as a UNION ALL rather than an OR on the
        // outer query, because the OR makes PostgreSQL scan every task instead of looking up the few visible ids.
        var candidateTaskIds = context.HumanTaskCandidates
            .Where(c => (c.Kind == HumanTaskCandidateEntity.UserKind && c.Name == name)
                || (c.Kind == HumanTaskCandidateEntity.GroupKind && groups.Contains(c.Name)))
            .Select(c => c.TaskId);
        var assignedTaskIds = context.HumanTasks
            .Where(t => t.Assignee == name)
            .Select(t => t.Id);
        var visibleTaskIds = candidateTaskIds.Concat(assignedTaskIds);

        return tasks.Where(t => visibleTaskIds.Contains(t.Id));
    }
}
