namespace ModelEngine.Workflows.Messaging;

/// <summary>
/// Wakes the outbox relay after a commit that wrote outbox messages, so that it need not wait for its next poll.
/// </summary>
public interface IOutboxSignal
{
    void Notify();
}
