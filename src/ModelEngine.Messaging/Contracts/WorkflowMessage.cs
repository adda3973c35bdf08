using System.Text.Json.Nodes;

namespace ModelEngine.Messaging.Contracts;

/// <summary>
/// The envelope of every message that PublishMessage sends and MessageReceived waits for. One envelope type carries
/// all configured message types, so a new type needs configuration only, not a new class.
/// </summary>
public sealed record WorkflowMessage
{
    /// <summary>The outbox row's id. A consumer drops a second delivery with the same id.</summary>
    public required string MessageId { get; init; }

    /// <summary>A name from <c>Messaging:MessageTypes</c>.</summary>
    public required string MessageType { get; init; }

    public string? CorrelationId { get; init; }

    /// <summary>The id of the instance that sent the message, or <see langword="null"/> for a message from elsewhere.</summary>
    public string? SourceInstanceId { get; init; }

    public JsonNode? Payload { get; init; }
}
