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

    /// <summary>The tasks one activity instance created, such as the tasks of a vote, oldest first.</summary>
    Task<IReadOnlyList<HumanTask>> ListByActivityInstanceAsync(string activityInstanceId, CancellationToken cancellationToken = default);

    /// <summary>The history of a task, oldest first.</summary>
    Task<IReadOnlyList<HumanTaskHistoryEntry>> GetHistoryAsync(string taskId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<HumanTaskComment>> ListCommentsAsync(string taskId, CancellationToken cancellationToken = default);

    /// <summary>The attachments of a task, without their content.</summary>
    Task<IReadOnlyList<HumanTaskAttachment>> ListAttachmentsAsync(string taskId, CancellationToken cancellationToken = default);

    /// <summary>One attachment with its content, or <see langword="null"/>.</summary>
    Task<HumanTaskAttachment?> FindAttachmentAsync(string taskId, string attachmentId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces a task when its stored revision is <paramref name="expectedRevision"/>, and writes
    /// <paramref name="changes"/> (history entries, events, comments, attachments) in the same transaction. Otherwise
    /// throws <see cref="ConcurrencyConflictException"/> and writes nothing.
    /// </summary>
    Task UpdateAsync(HumanTask task, long expectedRevision, IReadOnlyList<object>? changes = null, CancellationToken cancellationToken = default) =>
        UpdateAsync(new HumanTaskUpdated(task, expectedRevision), changes, cancellationToken);

    /// <summary>
    /// Applies <paramref name="update"/> as the other overload does. When <see cref="HumanTaskUpdated.Previous"/> is set,
    /// the store skips reading the row before it writes.
    /// </summary>
    Task UpdateAsync(HumanTaskUpdated update, IReadOnlyList<object>? changes, CancellationToken cancellationToken = default);
}
