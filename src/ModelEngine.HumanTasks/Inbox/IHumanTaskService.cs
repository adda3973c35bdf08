using ModelEngine.HumanTasks.Model;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Security;

namespace ModelEngine.HumanTasks.Inbox;

/// <summary>
/// The reviewer's operations on tasks. Checks run in this order: a caller who cannot see the task gets
/// <see cref="TaskNotFoundException"/>; one who may not perform the operation gets <see cref="TaskForbiddenException"/>;
/// a stale <c>If-Match</c> gets <see cref="TaskPreconditionFailedException"/>; an operation in the wrong status gets
/// <see cref="TaskConflictException"/>.
/// </summary>
public interface IHumanTaskService
{
    Task<Page<HumanTask>> GetInboxAsync(UserIdentity user, PageRequest page, CancellationToken cancellationToken = default);

    Task<HumanTask> GetAsync(string taskId, UserIdentity user, CancellationToken cancellationToken = default);

    /// <summary>Reserves a Ready task for the caller. A claim by the holder again returns the task unchanged.</summary>
    Task<HumanTask> ClaimAsync(string taskId, UserIdentity user, string? ifMatch, CancellationToken cancellationToken = default);

    /// <summary>
    /// Completes a task held by the caller and commits the resume of its instance in the same transaction. The
    /// instance then runs on in the background.
    /// </summary>
    Task<HumanTask> CompleteAsync(string taskId, UserIdentity user, TaskCompletion completion, string? ifMatch, CancellationToken cancellationToken = default) =>
        CompleteAsync(taskId, user, completion, ifMatch, commitChange: null, cancellationToken);

    /// <summary>
    /// Completes a task as the other overload does. <paramref name="commitChange"/>, when given, builds a further
    /// change from the completed task, such as an idempotency record, that is written in the same transaction.
    /// </summary>
    Task<HumanTask> CompleteAsync(
        string taskId,
        UserIdentity user,
        TaskCompletion completion,
        string? ifMatch,
        Func<HumanTask, object>? commitChange,
        CancellationToken cancellationToken = default);
}
