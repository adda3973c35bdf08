using Microsoft.Extensions.Logging;

namespace ModelEngine.Workflows.Runtime.Leases;

/// <summary>
/// A lease this node holds on one instance. A timer renews it every third of the lease duration until the lease is
/// disposed, and disposing releases it. <see cref="EnsureHeldAsync"/> runs before each commit.
/// </summary>
public sealed partial class InstanceLease : IAsyncDisposable
{
    private readonly InstanceLeases _owner;
    private readonly ITimer _renewalTimer;
    private long _expiresAtUtcTicks;
    private int _renewing;
    private int _lost;
    private Task _renewal = Task.CompletedTask;

    internal InstanceLease(InstanceLeases owner, string instanceId, DateTimeOffset expiresAt)
    {
        _owner = owner;
        InstanceId = instanceId;
        _expiresAtUtcTicks = expiresAt.UtcTicks;
        var period = owner.Duration / 3;
        _renewalTimer = owner.TimeProvider.CreateTimer(_ => StartRenewal(), null, period, period);
    }

    public string InstanceId { get; }

    /// <summary>The expiry of the last successful acquisition or renewal.</summary>
    public DateTimeOffset ExpiresAt => new(Interlocked.Read(ref _expiresAtUtcTicks), TimeSpan.Zero);

    /// <summary>
    /// Throws <see cref="WorkflowInstanceBusyException"/> when the lease was lost or has expired, so that a node whose
    /// renewal failed writes nothing. A lease within its last third is renewed first.
    /// </summary>
    public async ValueTask EnsureHeldAsync(CancellationToken cancellationToken = default)
    {
        var now = _owner.TimeProvider.GetUtcNow();
        if (Volatile.Read(ref _lost) == 0 && now < ExpiresAt - _owner.Duration / 3)
        {
            return;
        }

        // The timer's renewal is late or failed: renew now, after any renewal still under way.
        await _renewal.ConfigureAwait(false);
        if (Volatile.Read(ref _lost) == 0 && now >= ExpiresAt - _owner.Duration / 3)
        {
            await RenewAsync(cancellationToken).ConfigureAwait(false);
        }

        if (Volatile.Read(ref _lost) != 0 || _owner.TimeProvider.GetUtcNow() >= ExpiresAt)
        {
            LogLost(_owner.Logger, InstanceId, ExpiresAt);
            throw new WorkflowInstanceBusyException(
                InstanceId,
                _owner.Duration,
                $"This node lost the lease of workflow instance '{InstanceId}' before its commit (it expired at {ExpiresAt:O}), so another node may run the instance. Nothing was written; retry the call.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _renewalTimer.DisposeAsync().ConfigureAwait(false);
        await _renewal.ConfigureAwait(false);
        if (Volatile.Read(ref _lost) != 0)
        {
            return;
        }

        try
        {
            await _owner.Store.ReleaseAsync(InstanceId, _owner.NodeId, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            // The lease expires on its own, so another node can take it after LeaseDuration.
            LogReleaseFailed(_owner.Logger, exception, InstanceId);
        }
    }

    private void StartRenewal()
    {
        if (Interlocked.CompareExchange(ref _renewing, 1, 0) != 0)
        {
            return;
        }

        _renewal = RenewFromTimerAsync();
    }

    private async Task RenewFromTimerAsync()
    {
        try
        {
            await RenewAsync(CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref _renewing, 0);
        }
    }

    private async Task RenewAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _lost) != 0)
        {
            return;
        }

        var expiresAt = _owner.TimeProvider.GetUtcNow() + _owner.Duration;
        try
        {
            if (await _owner.Store.TryRenewAsync(InstanceId, _owner.NodeId, expiresAt, cancellationToken).ConfigureAwait(false))
            {
                Interlocked.Exchange(ref _expiresAtUtcTicks, expiresAt.UtcTicks);
                return;
            }

            Volatile.Write(ref _lost, 1);
            LogTakenOver(_owner.Logger, InstanceId);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A failed round trip is not a lost lease: the next renewal may still succeed before the expiry.
            LogRenewalFailed(_owner.Logger, exception, InstanceId, ExpiresAt);
        }
    }

    [LoggerMessage(EventId = 1033, Level = LogLevel.Warning, Message = "Renewing the lease of workflow instance {WorkflowInstanceId} failed; it expires at {ExpiresAt} unless a later renewal succeeds")]
    private static partial void LogRenewalFailed(ILogger logger, Exception exception, string workflowInstanceId, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 1034, Level = LogLevel.Warning, Message = "The lease of workflow instance {WorkflowInstanceId} is gone or held by another node; this node will not commit its step")]
    private static partial void LogTakenOver(ILogger logger, string workflowInstanceId);

    [LoggerMessage(EventId = 1035, Level = LogLevel.Warning, Message = "Workflow instance {WorkflowInstanceId}: the lease expired at {ExpiresAt} before the commit, so the step is discarded")]
    private static partial void LogLost(ILogger logger, string workflowInstanceId, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 1036, Level = LogLevel.Warning, Message = "Releasing the lease of workflow instance {WorkflowInstanceId} failed; it expires on its own")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception, string workflowInstanceId);
}
