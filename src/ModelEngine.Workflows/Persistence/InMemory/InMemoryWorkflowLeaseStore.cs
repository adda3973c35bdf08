namespace ModelEngine.Workflows.Persistence.InMemory;

/// <summary>
/// Keeps instance leases in process memory. It is the default when one process runs the engine alone (in memory or
/// on SQLite), where leases only keep apart the callers of this process. Several runtimes in one process may share it,
/// as tests of several nodes do.
/// </summary>
public sealed class InMemoryWorkflowLeaseStore : IWorkflowLeaseStore
{
    private readonly Dictionary<string, WorkflowLease> _leases = new(StringComparer.Ordinal);

    public Task<bool> TryAcquireAsync(string instanceId, string ownerId, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        lock (_leases)
        {
            if (_leases.TryGetValue(instanceId, out var lease) && lease.OwnerId != ownerId && lease.ExpiresAt > now)
            {
                return Task.FromResult(false);
            }

            _leases[instanceId] = new WorkflowLease(instanceId, ownerId, expiresAt);
            return Task.FromResult(true);
        }
    }

    public Task<bool> TryRenewAsync(string instanceId, string ownerId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        lock (_leases)
        {
            if (!_leases.TryGetValue(instanceId, out var lease) || lease.OwnerId != ownerId)
            {
                return Task.FromResult(false);
            }

            _leases[instanceId] = lease with { ExpiresAt = expiresAt };
            return Task.FromResult(true);
        }
    }

    public Task ReleaseAsync(string instanceId, string ownerId, CancellationToken cancellationToken = default)
    {
        lock (_leases)
        {
            if (_leases.TryGetValue(instanceId, out var lease) && lease.OwnerId == ownerId)
            {
                _leases.Remove(instanceId);
            }
        }

        return Task.CompletedTask;
    }

    public Task<WorkflowLease?> FindAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        lock (_leases)
        {
            return Task.FromResult(_leases.GetValueOrDefault(instanceId));
        }
    }

    public Task<IReadOnlyList<string>> ListLeasedAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        lock (_leases)
        {
            IReadOnlyList<string> ids = _leases.Values.Where(lease => lease.ExpiresAt > now).Select(lease => lease.InstanceId).ToList();
            return Task.FromResult(ids);
        }
    }
}
