using ModelEngine.Workflows.Persistence;

namespace ModelEngine.Fel.Tools.Tests.Workflows;

/// <summary>A lease store in which another node always holds every lease, so this node never runs an instance.</summary>
internal sealed class LeasedElsewhereStore : IWorkflowLeaseStore
{
    public Task<bool> TryAcquireAsync(string instanceId, string ownerId, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken = default) =>
        Task.FromResult(false);

    public Task<bool> TryRenewAsync(string instanceId, string ownerId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default) =>
        Task.FromResult(false);

    public Task ReleaseAsync(string instanceId, string ownerId, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<WorkflowLease?> FindAsync(string instanceId, CancellationToken cancellationToken = default) => Task.FromResult<WorkflowLease?>(null);

    public Task<IReadOnlyList<string>> ListLeasedAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<string>>([]);
}
