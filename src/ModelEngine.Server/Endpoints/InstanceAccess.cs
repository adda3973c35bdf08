using ModelEngine.HumanTasks.Inbox;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Runtime;
using ModelEngine.Workflows.Security;

namespace ModelEngine.Server.Endpoints;

/// <summary>
/// Decides who may read and cancel an instance. Its initiator, designers and admins read it, and so do the holders and
/// candidates of any of its tasks. Only the initiator and admins cancel or retry it, and delete it once it has finished.
/// Only admins delete a running instance.
/// </summary>
internal sealed class InstanceAccess
{
    private readonly IHumanTaskStore _tasks;

    public InstanceAccess(IHumanTaskStore tasks)
    {
        _tasks = tasks;
    }

    public async Task<bool> CanReadAsync(WorkflowInstanceSummary summary, UserIdentity user, CancellationToken cancellationToken)
    {
        if (user.IsAdmin || user.IsDesigner || IsInitiator(summary, user))
        {
            return true;
        }

        var tasks = await _tasks.ListByInstanceAsync(summary.Id, cancellationToken);
        return tasks.Any(task =>
            string.Equals(task.Assignee, user.Name, StringComparison.Ordinal) ||
            string.Equals(task.CompletedBy, user.Name, StringComparison.Ordinal) ||
            task.CandidateUsers.Contains(user.Name, StringComparer.Ordinal) ||
            task.CandidateGroups.Any(user.IsInGroup));
    }

    public static bool CanManage(WorkflowInstanceSummary summary, UserIdentity user) => user.IsAdmin || IsInitiator(summary, user);

    /// <summary>Returns whether the user may delete the instance: an admin always, its initiator once it has finished.</summary>
    public static bool CanDelete(WorkflowInstanceSummary summary, UserIdentity user) =>
        user.IsAdmin || (summary.Status == WorkflowStatus.Finished && IsInitiator(summary, user));

    private static bool IsInitiator(WorkflowInstanceSummary summary, UserIdentity user) =>
        string.Equals(summary.Initiator, user.Name, StringComparison.Ordinal);
}
