using ModelEngine.HumanTasks.Model;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Security;

namespace ModelEngine.HumanTasks.Inbox;

/// <summary>Reads tasks and writes task changes that do not touch an instance, such as a claim.</summary>
public interface IHumanTaskStore
{
    Task<HumanTask?> FindAsync(string taskId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Returns the open tasks (Ready, Reserved, InProgress) that <paramref name="user"/> can see: as assignee, candidate
    /// user or member of a candidate group, or every open task for admins. Highest priority first, then oldest first.
    /// </summary>
    Task<Page<HumanTask>> ListInboxAsync(UserIdentity user, PageRequest page, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<HumanTask>> ListByInstanceAsync(string workflowInstanceId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces a task when its stored revision is <paramref name="expectedRevision"/>; otherwise throws
    /// <see cref="ConcurrencyConflictException"/>.
    /// </summary>
    Task UpdateAsync(HumanTask task, long expectedRevision, CancellationToken cancellationToken = default);
}
