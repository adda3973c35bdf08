using System.Text.Json.Nodes;

namespace ModelEngine.Studio.Api.Instances;

/// <summary>One record of an instance's journal, oldest first, as <c>GET /api/workflow-instances/{id}/journal</c> lists it.</summary>
public sealed record JournalEntry
{
    public long Sequence { get; init; }

    public DateTimeOffset Timestamp { get; init; }

    /// <summary>Such as <c>ActivityCompleted</c>, <c>ActivitySuspended</c> or <c>WorkflowFinished</c>.</summary>
    public required string EventName { get; init; }

    public string? ActivityId { get; init; }

    public string? ActivityType { get; init; }

    public string? Message { get; init; }

    /// <summary>Event data, such as the <c>ActivityCompleted</c> outcomes <c>{ "outcomes": [...] }</c>.</summary>
    public JsonNode? Payload { get; init; }
}
