using ModelEngine.Workflows.Messaging;

namespace ModelEngine.Messaging.Outbox;

/// <summary>
/// Takes outbox rows of one reserved message type, such as task events, before the relay publishes them. The relay
/// deletes a row only after every handler of its type returned, so a handler's durable work is done at least once.
/// Rows of a handled type are published as <see cref="Contracts.OutboxNotification"/> instead of a workflow message.
/// </summary>
public interface IOutboxMessageHandler
{
    /// <summary>The message type whose rows this handler takes.</summary>
    string MessageType { get; }

    /// <summary>Handles one row. A failure leaves the row to a later relay pass, which calls the handler again.</summary>
    Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken);
}
