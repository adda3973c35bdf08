using System.Text.Json.Nodes;

namespace ModelEngine.Workflows.Runtime.State;

/// <summary>A point where an activity waits. <see cref="DueAt"/> makes it a durable timer as well.</summary>
public sealed class BookmarkState
{
    public required string Id { get; set; }

    /// <summary>The type name of the activity that created it, such as <c>ModelEngine.UserTask</c>.</summary>
    public required string Name { get; set; }

    public required string NodeId { get; set; }

    public required string ActivityId { get; set; }

    public required string ActivityInstanceId { get; set; }

    public JsonNode? Payload { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? DueAt { get; set; }
}
