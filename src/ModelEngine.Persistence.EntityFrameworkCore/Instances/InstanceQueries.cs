using ModelEngine.Persistence.EntityFrameworkCore.HumanTasks;
using ModelEngine.Workflows.Security;

namespace ModelEngine.Persistence.EntityFrameworkCore.Instances;

/// <summary>Query pieces shared by the instance list and the dashboard statistics.</summary>
internal static class InstanceQueries
{
    /// <summary>
    /// Filters instances to those <paramref name="user"/> may read: all of them for admins and designers, otherwise
    /// those the user started or has a task in as holder or candidate.
    /// </summary>
    public static IQueryable<WorkflowInstanceEntity> ReadableBy(
        this IQueryable<WorkflowInstanceEntity> instances, ModelEngineDbContext context, UserIdentity user)
    {
        if (user.IsAdmin || user.IsDesigner)
        {
            return instances;
        }

        var name = user.Name;
        var taskInstanceIds = context.HumanTasks.HeldOrCandidate(context, user).Select(t => t.WorkflowInstanceId);
        return instances.Where(e => e.Initiator == name || taskInstanceIds.Contains(e.Id));
    }
}
