using System.Text.Json.Nodes;

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
    bool RemoveActivityTimers = false);
