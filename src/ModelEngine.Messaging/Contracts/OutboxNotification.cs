using System.Text.Json.Nodes;

namespace ModelEngine.Messaging.Contracts;

/// <summary>
/// A server notification relayed from the outbox, such as a task event. Every node hears it on an endpoint of its own,
/// unlike <see cref="WorkflowMessage"/>, which nodes compete for.
/// </summary>
public sealed record OutboxNotification
{
    /// <summary>The outbox row's id. A receiver drops a second delivery with the same id.</summary>
    public required string MessageId { get; init; }

    /// <summary>A reserved type that an <see cref="Outbox.IOutboxMessageHandler"/> takes.</summary>
    public required string MessageType { get; init; }

    public string? SourceInstanceId { get; init; }

    public JsonNode? Payload { get; init; }
}
