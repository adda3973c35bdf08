using System.Text.Json.Nodes;
using ModelEngine.Workflows.Runtime.State;

namespace ModelEngine.Workflows.Runtime;

/// <summary>
/// A request to resume <see cref="BookmarkId"/> of an instance with <see cref="Input"/>. <see cref="Changes"/> are
/// committed in the same transaction as the resume, such as the completion of the human task that owns the bookmark.
/// With <see cref="RemoveActivityTimers"/>, the resume also removes the other bookmarks of the same activity instance
/// that have a due time, with their timer rows, in that transaction: a task's due-date timer ends with the task.
/// </summary>
public sealed record ResumeWorkflowRequest(
    string InstanceId,
    string BookmarkId,
    JsonNode? Input = null,
    IReadOnlyList<object>? Changes = null,
    bool RemoveActivityTimers = false)
{
    /// <summary>
    /// Runs after the instance's lease is held and the bookmark is found, before anything is written, and returns the
    /// input and changes to commit in place of <see cref="Input"/> and <see cref="Changes"/>. A decision that depends on
    /// rows other resumes of the same instance write, such as the votes of sibling tasks, is taken here, so that no
    /// other resume of the instance commits in between. An exception it throws ends the resume with nothing written.
    /// </summary>
    public Func<CancellationToken, ValueTask<ResumePlan>>? Prepare { get; init; }

    /// <summary>
    /// Other bookmarks of the instance to remove in the resume's transaction, such as the timers of the task that the
    /// resume completes, when <see cref="RemoveActivityTimers"/> would remove too many.
    /// </summary>
    public Func<BookmarkState, bool>? RemoveBookmarks { get; init; }
}
