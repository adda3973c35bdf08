namespace ModelEngine.Workflows.Messaging;

/// <summary>
/// A message that a step sends, added to the step's <see cref="Persistence.WorkflowCommit.Changes"/>. The committer
/// writes it to the outbox in the commit's transaction, and a relay publishes it after the commit, at least once.
/// </summary>
/// <param name="Id">The message id, unique across the outbox. Consumers use it to drop a repeated delivery.</param>
/// <param name="WorkflowInstanceId">The instance whose step sent the message.</param>
/// <param name="MessageType">A configured message type name, such as <c>OrderShipped</c>.</param>
/// <param name="CorrelationId">The correlation id that receivers may filter on, or <see langword="null"/>.</param>
/// <param name="PayloadJson">The message body as JSON text, or <see langword="null"/> for none.</param>
/// <param name="CreatedAt">When the step created the message.</param>
public sealed record OutboxMessage(
    string Id,
    string WorkflowInstanceId,
    string MessageType,
    string? CorrelationId,
    string? PayloadJson,
    DateTimeOffset CreatedAt);
