namespace ModelEngine.Workflows.Messaging;

/// <summary>A signal that wakes nothing, for hosts without an outbox relay. Outbox rows then stay in the store.</summary>
public sealed class NullOutboxSignal : IOutboxSignal
{
    public void Notify()
    {
    }
}
