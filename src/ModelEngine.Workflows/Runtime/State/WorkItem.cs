using System.Text.Json.Nodes;

namespace ModelEngine.Workflows.Runtime.State;

/// <summary>
/// A unit of pending work: execute an activity instance, or resume it from <see cref="Bookmark"/> with
/// <see cref="Input"/>. A resumed bookmark is already gone from the instance's bookmarks, so the item carries it.
/// </summary>
public sealed class WorkItem
{
    public required string ActivityInstanceId { get; set; }

    public BookmarkState? Bookmark { get; set; }

    public JsonNode? Input { get; set; }
}
