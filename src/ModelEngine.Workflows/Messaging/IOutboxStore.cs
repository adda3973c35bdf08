namespace ModelEngine.Workflows.Messaging;

/// <summary>
/// Reads, claims and deletes outbox rows for a relay. Rows are written by <see cref="Persistence.IWorkflowCommitter"/>
/// in the transaction of the step that sent them.
/// </summary>
public interface IOutboxStore
{
    /// <summary>
    /// Lists up to <paramref name="maxCount"/> messages, oldest first, that have no live claim at
    /// <paramref name="now"/>.
    /// </summary>
    Task<IReadOnlyList<OutboxMessage>> ListUnclaimedMessagesAsync(DateTimeOffset now, int maxCount, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims a message until <paramref name="now"/> plus <paramref name="lease"/>, so that one relay publishes it.
    /// Returns <see langword="false"/> when the row is gone or another claim is still live.
    /// </summary>
    Task<bool> TryClaimMessageAsync(string messageId, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>Deletes a published message. Deleting a row that is already gone does nothing.</summary>
    Task DeleteMessageAsync(string messageId, CancellationToken cancellationToken = default);
}
