using Microsoft.Extensions.Options;
using ModelEngine.Workflows.Persistence;

namespace ModelEngine.Server.Hosting;

/// <summary>
/// Every <see cref="ExecutionOptions.RecoveryInterval"/>, queues the Pending and Executing instances that no live lease
/// covers and that do not already wait in this node's queue. Those are instances whose node died mid-step, whose run
/// failed, or whose id was dropped from a full queue. Every node runs this service; when two nodes queue the same
/// instance, the lease lets one of them run it and the other skips it.
/// </summary>
/// <remarks>
/// NOTE: an instance whose run fails every time, such as one whose state cannot be read, is queued again on every
/// tick, and each round of attempts logs an error. Nothing marks it as given up yet.
/// </remarks>
internal sealed partial class WorkflowRecoveryService : BackgroundService
{
    private readonly WorkflowWorkQueue _queue;
    private readonly IServiceScopeFactory _scopeFactory;
    private readonly IWorkflowLeaseStore _leases;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _interval;
    private readonly ILogger<WorkflowRecoveryService> _logger;

    public WorkflowRecoveryService(
        WorkflowWorkQueue queue,
        IServiceScopeFactory scopeFactory,
        IWorkflowLeaseStore leases,
        TimeProvider timeProvider,
        IOptions<ExecutionOptions> options,
        ILogger<WorkflowRecoveryService> logger)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Value.RecoveryInterval, TimeSpan.FromMilliseconds(100), "Execution:RecoveryInterval");

        _queue = queue;
        _scopeFactory = scopeFactory;
        _leases = leases;
        _timeProvider = timeProvider;
        _interval = options.Value.RecoveryInterval;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_interval, _timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await RecoverAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    /// <summary>Queues the instances that need recovery and returns how many it queued.</summary>
    internal async Task<int> RecoverAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = _scopeFactory.CreateAsyncScope();
            var store = scope.ServiceProvider.GetRequiredService<IWorkflowInstanceStore>();
            var recoverable = await store.ListRecoverableAsync(cancellationToken);
            if (recoverable.Count == 0)
            {
                return 0;
            }

            // Leases are read after the instances: an instance whose lease was released in between is queued, and its
            // run finds it already committed and does nothing.
            var leased = new HashSet<string>(await _leases.ListLeasedAsync(_timeProvider.GetUtcNow(), cancellationToken), StringComparer.Ordinal);
            var queued = 0;
            foreach (var id in recoverable)
            {
                if (leased.Contains(id) || _queue.IsQueued(id))
                {
                    continue;
                }

                Log.Recovering(_logger, id);
                _queue.Enqueue(id);
                queued++;
            }

            if (queued > 0)
            {
                Log.Recovered(_logger, queued, recoverable.Count);
            }

            return queued;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            // The next tick tries again; a database outage must not stop the loop.
            Log.RecoveryFailed(_logger, exception, _interval.TotalSeconds);
            return 0;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1120, Level = LogLevel.Debug, Message = "Recovering workflow instance {WorkflowInstanceId}: it is Pending or Executing and no node holds its lease.")]
        public static partial void Recovering(ILogger logger, string workflowInstanceId);

        [LoggerMessage(EventId = 1121, Level = LogLevel.Information, Message = "Periodic recovery queued {Count} of {RecoverableCount} Pending or Executing workflow instances that no node held.")]
        public static partial void Recovered(ILogger logger, int count, int recoverableCount);

        [LoggerMessage(EventId = 1122, Level = LogLevel.Warning, Message = "Periodic recovery failed; it runs again in {IntervalSeconds} s.")]
        public static partial void RecoveryFailed(ILogger logger, Exception exception, double intervalSeconds);
    }
}
