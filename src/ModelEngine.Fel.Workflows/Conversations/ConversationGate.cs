namespace ModelEngine.Fel.Workflows.Conversations;

/// <summary>
/// Lets one turn at a time run per conversation of an instance, within this process. A turn that finds the
/// conversation busy is rejected with <see cref="ConversationBusyException"/> instead of waiting, because two turns
/// would both read the same memory and one response would be lost.
/// </summary>
/// <remarks>
/// NOTE: the gate is in-process. Two nodes cannot run the same instance at once because the instance lease prevents
/// it, so the gate only has to cover steps of one instance that overlap on this node.
/// </remarks>
public sealed class ConversationGate
{
    private readonly Lock _lock = new();
    private readonly HashSet<string> _busy = new(StringComparer.Ordinal);

    /// <summary>Marks the conversation busy until the returned handle is disposed.</summary>
    /// <exception cref="ConversationBusyException">A turn of the same instance and conversation is still running.</exception>
    public IDisposable Enter(string instanceId, string conversationId)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        var key = $"{instanceId}\n{conversationId}";
        lock (_lock)
        {
            if (!_busy.Add(key))
            {
                throw new ConversationBusyException(conversationId);
            }
        }

        return new Release(this, key);
    }

    /// <summary>Returns whether a turn of the conversation is running.</summary>
    public bool IsBusy(string instanceId, string conversationId)
    {
        lock (_lock)
        {
            return _busy.Contains($"{instanceId}\n{conversationId}");
        }
    }

    private void Exit(string key)
    {
        lock (_lock)
        {
            _busy.Remove(key);
        }
    }

    private sealed class Release(ConversationGate gate, string key) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Exit(key);
            }
        }
    }
}
