using System.Text.Json.Nodes;

namespace ModelEngine.Workflows.Runtime;

/// <summary>
/// A request to resume <see cref="BookmarkId"/> of an instance with <see cref="Input"/>. <see cref="Changes"/> are
/// committed in the same transaction as the resume, such as the completion of the human task that owns the bookmark.
/// </summary>
public sealed record ResumeWorkflowRequest(
    string InstanceId,
    string BookmarkId,
    JsonNode? Input = null,
    IReadOnlyList<object>? Changes = null);
