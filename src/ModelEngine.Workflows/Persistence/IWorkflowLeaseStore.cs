namespace ModelEngine.Workflows.Persistence;

/// <summary>
/// Stores instance leases: the node that holds an instance's lease is the only one that may change the instance until
/// the lease expires or is released. Every method is one atomic operation, so of two nodes that race for the same
/// lease exactly one wins.
/// </summary>
public interface IWorkflowLeaseStore
{
    /// <summary>
    /// Takes the lease of <paramref name="instanceId"/> for <paramref name="ownerId"/> until <paramref name="expiresAt"/>
    /// when no lease exists, when it expired at or before <paramref name="now"/>, or when <paramref name="ownerId"/>
    /// already holds it. Returns whether <paramref name="ownerId"/> holds the lease after the call.
    /// </summary>
    Task<bool> TryAcquireAsync(string instanceId, string ownerId, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken = default);

    /// <summary>
    /// Moves the expiry of the lease that <paramref name="ownerId"/> holds to <paramref name="expiresAt"/>. Returns
    /// <see langword="false"/> when the lease is gone or another owner holds it.
    /// </summary>
    Task<bool> TryRenewAsync(string instanceId, string ownerId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default);

    /// <summary>Deletes the lease if <paramref name="ownerId"/> holds it; a lease of another owner is left alone.</summary>
    Task ReleaseAsync(string instanceId, string ownerId, CancellationToken cancellationToken = default);

    /// <summary>Returns the lease of <paramref name="instanceId"/>, live or expired, or <see langword="null"/> when it has none.</summary>
    Task<WorkflowLease?> FindAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>Returns the ids of the instances whose lease is live at <paramref name="now"/>, on any node.</summary>
    Task<IReadOnlyList<string>> ListLeasedAsync(DateTimeOffset now, CancellationToken cancellationToken = default);
}
