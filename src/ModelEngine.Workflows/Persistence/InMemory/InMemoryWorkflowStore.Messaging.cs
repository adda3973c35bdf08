using ModelEngine.Workflows.Messaging;

namespace ModelEngine.Workflows.Persistence.InMemory;

public sealed partial class InMemoryWorkflowStore : IOutboxStore
{
    private readonly Dictionary<string, (OutboxMessage Message, DateTimeOffset? ClaimedUntil)> _outbox = new(StringComparer.Ordinal);
    private readonly HashSet<(string MessageId, string WorkflowInstanceId)> _consumed = [];

    public Task<IReadOnlyList<OutboxMessage>> ListUnclaimedMessagesAsync(DateTimeOffset now, int maxCount, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        lock (_gate)
        {
            IReadOnlyList<OutboxMessage> messages = _outbox.Values
                .Where(entry => entry.ClaimedUntil is null || entry.ClaimedUntil <= now)
                .Select(entry => entry.Message)
                .OrderBy(message => message.CreatedAt)
                .ThenBy(message => message.Id, StringComparer.Ordinal)
                .Take(maxCount)
                .ToList();
            return Task.FromResult(messages);
        }
    }

    public Task<bool> TryClaimMessageAsync(string messageId, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_outbox.TryGetValue(messageId, out var entry) || entry.ClaimedUntil > now)
            {
                return Task.FromResult(false);
            }

            _outbox[messageId] = (entry.Message, now + lease);
            return Task.FromResult(true);
        }
    }

    public Task DeleteMessageAsync(string messageId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _outbox.Remove(messageId);
        }

        return Task.CompletedTask;
    }

    /// <summary>Checks a messaging change under the store's lock. Returns <see langword="false"/> for other kinds.</summary>
    private bool ValidateMessageChange(object change)
    {
        switch (change)
        {
            case OutboxMessage message:
                if (_outbox.ContainsKey(message.Id))
                {
                    throw new ConcurrencyConflictException($"Outbox message '{message.Id}' of workflow instance '{message.WorkflowInstanceId}' already exists.");
                }

                return true;
            case ConsumedMessage consumed:
                if (_consumed.Contains((consumed.MessageId, consumed.WorkflowInstanceId)))
                {
                    throw new ConcurrencyConflictException($"Workflow instance '{consumed.WorkflowInstanceId}' already consumed message '{consumed.MessageId}'.");
                }

                return true;
            default:
                return false;
        }
    }

    /// <summary>Applies a messaging change under the store's lock. Returns <see langword="false"/> for other kinds.</summary>
    private bool ApplyMessageChange(object change)
    {
        switch (change)
        {
            case OutboxMessage message:
                _outbox[message.Id] = (message, null);
                return true;
            case ConsumedMessage consumed:
                _consumed.Add((consumed.MessageId, consumed.WorkflowInstanceId));
                return true;
            default:
                return false;
        }
    }

    private void RemoveConsumedMessages(string instanceId) =>
        _consumed.RemoveWhere(entry => entry.WorkflowInstanceId == instanceId);
}
