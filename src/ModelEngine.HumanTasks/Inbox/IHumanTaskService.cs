using System.Text.Json.Nodes;
using ModelEngine.HumanTasks.Model;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Security;

namespace ModelEngine.HumanTasks.Inbox;

/// <summary>
/// The reviewer's operations on tasks. Checks run in this order: a caller who cannot see the task gets
/// <see cref="TaskNotFoundException"/>; one who may not perform the operation, or whom the four-eyes rules exclude, gets
/// <see cref="TaskForbiddenException"/>; a stale <c>If-Match</c> gets <see cref="TaskPreconditionFailedException"/>; an
/// operation in the wrong status gets <see cref="TaskConflictException"/>. Every change writes a history entry and an
/// event in the transaction of the change.
/// </summary>
public interface IHumanTaskService
{
    Task<Page<HumanTask>> GetInboxAsync(UserIdentity user, PageRequest page, CancellationToken cancellationToken = default);

    Task<HumanTask> GetAsync(string taskId, UserIdentity user, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<HumanTaskHistoryEntry>> GetHistoryAsync(string taskId, UserIdentity user, CancellationToken cancellationToken = default);

    Task<TaskForm> GetFormAsync(string taskId, UserIdentity user, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reserves a Ready task for the caller. A claim by the holder again returns the task unchanged. With
    /// <paramref name="force"/>, an administrator takes over a task someone else holds.
    /// </summary>
    Task<HumanTask> ClaimAsync(string taskId, TaskCaller caller, string? ifMatch, bool force = false, CancellationToken cancellationToken = default);

    /// <summary>Gives a held task back to its candidates.</summary>
    Task<HumanTask> ReleaseAsync(string taskId, TaskCaller caller, string? ifMatch, CancellationToken cancellationToken = default);

    /// <summary>Marks the task InProgress; a candidate who starts a Ready task claims it too.</summary>
    Task<HumanTask> StartAsync(string taskId, TaskCaller caller, string? ifMatch, CancellationToken cancellationToken = default);

    /// <summary>Moves an InProgress task back to Reserved.</summary>
    Task<HumanTask> StopAsync(string taskId, TaskCaller caller, string? ifMatch, CancellationToken cancellationToken = default);

    Task<HumanTask> DelegateAsync(string taskId, TaskCaller caller, string @delegate, string? ifMatch, CancellationToken cancellationToken = default);

    Task<HumanTask> ResolveAsync(string taskId, TaskCaller caller, string? comment, JsonNode? data, string? ifMatch, CancellationToken cancellationToken = default);

    Task<HumanTask> ForwardAsync(
        string taskId, TaskCaller caller, IReadOnlyList<string> candidateUsers, IReadOnlyList<string> candidateGroups, string? ifMatch, CancellationToken cancellationToken = default);

    Task<HumanTask> ReassignAsync(string taskId, TaskCaller caller, string assignee, string? ifMatch, CancellationToken cancellationToken = default);

    Task<HumanTask> SuspendAsync(string taskId, TaskCaller caller, string? ifMatch, CancellationToken cancellationToken = default);

    Task<HumanTask> ResumeAsync(string taskId, TaskCaller caller, string? ifMatch, CancellationToken cancellationToken = default);

    /// <summary>
    /// Completes a task held by the caller and commits the resume of its instance in the same transaction. When the
    /// task's approval policy is decided by it, the other open tasks of the activity become Obsolete in that
    /// transaction too. The instance then runs on in the background.
    /// </summary>
    Task<HumanTask> CompleteAsync(string taskId, TaskCaller caller, TaskCompletion completion, string? ifMatch, CancellationToken cancellationToken = default) =>
        CompleteAsync(taskId, caller, completion, ifMatch, commitChange: null, cancellationToken);

    /// <summary>
    /// Completes a task as the other overload does. <paramref name="commitChange"/>, when given, builds a further
    /// change from the completed task, such as an idempotency record, that is written in the same transaction.
    /// </summary>
    Task<HumanTask> CompleteAsync(
        string taskId,
        TaskCaller caller,
        TaskCompletion completion,
        string? ifMatch,
        Func<HumanTask, object>? commitChange,
        CancellationToken cancellationToken = default);

    Task<HumanTask> FailAsync(string taskId, TaskCaller caller, string? reason, string? ifMatch, CancellationToken cancellationToken = default);

    Task<HumanTask> SkipAsync(string taskId, TaskCaller caller, string? ifMatch, CancellationToken cancellationToken = default);

    Task<HumanTask> SetPriorityAsync(string taskId, TaskCaller caller, int priority, string? ifMatch, CancellationToken cancellationToken = default);

    Task<HumanTask> SetDueDateAsync(string taskId, TaskCaller caller, DateTimeOffset? dueAt, string? ifMatch, CancellationToken cancellationToken = default);

    Task<HumanTask> SetFollowUpDateAsync(string taskId, TaskCaller caller, DateTimeOffset? followUpAt, string? ifMatch, CancellationToken cancellationToken = default);

    Task<HumanTask> SaveDraftAsync(string taskId, TaskCaller caller, JsonNode? data, string? ifMatch, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<HumanTaskComment>> ListCommentsAsync(string taskId, UserIdentity user, CancellationToken cancellationToken = default);

    Task<(HumanTask Task, HumanTaskComment Comment)> AddCommentAsync(string taskId, TaskCaller caller, string? text, string? ifMatch, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<HumanTaskAttachment>> ListAttachmentsAsync(string taskId, UserIdentity user, CancellationToken cancellationToken = default);

    Task<HumanTaskAttachment> GetAttachmentAsync(string taskId, string attachmentId, UserIdentity user, CancellationToken cancellationToken = default);

    Task<(HumanTask Task, HumanTaskAttachment Attachment)> AddAttachmentAsync(
        string taskId, TaskCaller caller, TaskAttachmentUpload upload, string? ifMatch, CancellationToken cancellationToken = default);

    Task<HumanTask> RemoveAttachmentAsync(string taskId, string attachmentId, TaskCaller caller, string? ifMatch, CancellationToken cancellationToken = default);
}
