namespace ModelEngine.Workflows.Messaging;

/// <summary>
/// Records in a resume's commit that an instance consumed a message. The committer stores one row per message id and
/// instance, so a second delivery of the same message to the same instance fails its commit with
/// <see cref="Persistence.ConcurrencyConflictException"/> and changes nothing.
/// </summary>
public sealed record ConsumedMessage(string MessageId, string WorkflowInstanceId, DateTimeOffset ConsumedAt);
