using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelEngine.Workflows.Persistence;

namespace ModelEngine.Workflows.Runtime.Leases;

/// <summary>
/// Takes instance leases for this node from <see cref="IWorkflowLeaseStore"/>. A lease that another node holds is
/// polled until <see cref="WorkflowLeaseOptions.LeaseWait"/> passes.
/// </summary>
public sealed partial class InstanceLeases
{
    private static readonly TimeSpan s_firstPollDelay = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan s_maxPollDelay = TimeSpan.FromMilliseconds(200);

    private readonly IWorkflowLeaseStore _store;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<InstanceLeases> _logger;

    public InstanceLeases(IWorkflowLeaseStore store, IOptions<WorkflowLeaseOptions> options, TimeProvider timeProvider, ILogger<InstanceLeases> logger)
    {
        var settings = options.Value;
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.LeaseDuration, TimeSpan.FromMilliseconds(100), "Execution:LeaseDuration");
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.LeaseWait, TimeSpan.Zero, "Execution:LeaseWait");

        _store = store;
        _timeProvider = timeProvider;
        _logger = logger;
        NodeId = string.IsNullOrWhiteSpace(settings.NodeId) ? DefaultNodeId() : settings.NodeId;
        Duration = settings.LeaseDuration;
        Wait = settings.LeaseWait;
    }

    /// <summary>The owner id of the leases this node takes.</summary>
    public string NodeId { get; }

    public TimeSpan Duration { get; }

    public TimeSpan Wait { get; }

    internal IWorkflowLeaseStore Store => _store;

    internal TimeProvider TimeProvider => _timeProvider;

    internal ILogger Logger => _logger;

    /// <summary>
    /// Takes the lease of <paramref name="instanceId"/>, waiting up to <see cref="Wait"/> while another node holds it.
    /// Throws <see cref="WorkflowInstanceBusyException"/> when the wait ends without the lease.
    /// </summary>
    public async ValueTask<InstanceLease> AcquireAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var lease = await TryAcquireAsync(instanceId, cancellationToken).ConfigureAwait(false);
        if (lease is not null)
        {
            return lease;
        }

        LogWaiting(_logger, instanceId, Wait.TotalSeconds);
        var started = _timeProvider.GetTimestamp();
        var delay = s_firstPollDelay;
        while (true)
        {
            var remaining = Wait - _timeProvider.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                throw await BusyAsync(instanceId, cancellationToken).ConfigureAwait(false);
            }

            await Task.Delay(delay < remaining ? delay : remaining, _timeProvider, cancellationToken).ConfigureAwait(false);
            lease = await TryAcquireAsync(instanceId, cancellationToken).ConfigureAwait(false);
            if (lease is not null)
            {
                LogAcquiredAfterWait(_logger, instanceId, _timeProvider.GetElapsedTime(started).TotalMilliseconds);
                return lease;
            }

            delay = delay * 2 < s_maxPollDelay ? delay * 2 : s_maxPollDelay;
        }
    }

    /// <summary>Takes the lease of <paramref name="instanceId"/> without waiting, or returns <see langword="null"/> when another node holds it.</summary>
    public async ValueTask<InstanceLease?> TryAcquireAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var now = _timeProvider.GetUtcNow();
        var expiresAt = now + Duration;
        if (!await _store.TryAcquireAsync(instanceId, NodeId, now, expiresAt, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new InstanceLease(this, instanceId, expiresAt);
    }

    private async Task<WorkflowInstanceBusyException> BusyAsync(string instanceId, CancellationToken cancellationToken)
    {
        var holder = await _store.FindAsync(instanceId, cancellationToken).ConfigureAwait(false);
        var remaining = holder is null ? TimeSpan.Zero : holder.ExpiresAt - _timeProvider.GetUtcNow();
        var retryAfter = TimeSpan.FromSeconds(Math.Clamp(Math.Ceiling(remaining.TotalSeconds), 1, Math.Max(1, Math.Ceiling(Duration.TotalSeconds))));
        var holderText = holder is null ? "another node" : $"node '{holder.OwnerId}'";
        LogBusy(_logger, instanceId, holder?.OwnerId, Wait.TotalSeconds);
        return new WorkflowInstanceBusyException(
            instanceId,
            retryAfter,
            $"Workflow instance '{instanceId}' is running on {holderText}, which still held its lease after {Wait.TotalSeconds:0.###} s (Execution:LeaseWait). Nothing was changed; retry after {retryAfter.TotalSeconds:0} s.");
    }

    private static string DefaultNodeId() =>
        $"{Environment.MachineName}-{Environment.ProcessId}-{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(3))}";

    [LoggerMessage(EventId = 1030, Level = LogLevel.Debug, Message = "Workflow instance {WorkflowInstanceId} is leased by another node; waiting up to {WaitSeconds} s for the lease")]
    private static partial void LogWaiting(ILogger logger, string workflowInstanceId, double waitSeconds);

    [LoggerMessage(EventId = 1031, Level = LogLevel.Debug, Message = "Workflow instance {WorkflowInstanceId} lease taken after waiting {WaitedMilliseconds} ms")]
    private static partial void LogAcquiredAfterWait(ILogger logger, string workflowInstanceId, double waitedMilliseconds);

    [LoggerMessage(EventId = 1032, Level = LogLevel.Information, Message = "Workflow instance {WorkflowInstanceId} is still leased by node {OwnerId} after {WaitSeconds} s; the call is rejected as busy")]
    private static partial void LogBusy(ILogger logger, string workflowInstanceId, string? ownerId, double waitSeconds);
}
