using Microsoft.Extensions.Options;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Server.Hosting;

/// <summary>
/// Deletes finished instances older than <see cref="RetentionOptions.FinishedInstanceAge"/>, with their state,
/// bookmarks, timers, journal and tasks, at start-up and then every <see cref="RetentionOptions.SweepInterval"/> of
/// the host's <see cref="TimeProvider"/>. It does nothing when the age is unset.
/// </summary>
internal sealed partial class FinishedInstanceRetentionService : BackgroundService
{
    /// <summary>The number of instance ids read per query, so that one sweep never loads the whole backlog.</summary>
    internal const int BatchSize = 100;

    private readonly IServiceScopeFactory _scopes;
    private readonly RetentionOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<FinishedInstanceRetentionService> _logger;

    public FinishedInstanceRetentionService(
        IServiceScopeFactory scopes,
        IOptions<RetentionOptions> options,
        TimeProvider timeProvider,
        ILogger<FinishedInstanceRetentionService> logger)
    {
        _scopes = scopes;
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>Raised after each successful sweep with the number of instances it deleted, so that tests can wait for a sweep.</summary>
    internal event Action<int>? SweepCompleted;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_options.FinishedInstanceAge is not { } age)
        {
            Log.Disabled(_logger);
            return;
        }

        Log.Started(_logger, age, _options.SweepInterval);
        using var timer = new PeriodicTimer(_options.SweepInterval, _timeProvider);
        do
        {
            try
            {
                var deleted = await SweepAsync(age, stoppingToken);
                SweepCompleted?.Invoke(deleted);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                Log.SweepFailed(_logger, exception, _options.SweepInterval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Deletes every finished instance that finished more than <paramref name="age"/> ago, and returns how many.</summary>
    internal async Task<int> SweepAsync(TimeSpan age, CancellationToken cancellationToken)
    {
        var cutoff = _timeProvider.GetUtcNow() - age;
        using var scope = _scopes.CreateScope();
        var instances = scope.ServiceProvider.GetRequiredService<IWorkflowInstanceStore>();
        var runtime = scope.ServiceProvider.GetRequiredService<IWorkflowRuntime>();
        var deleted = 0;
        while (true)
        {
            var ids = await instances.ListFinishedBeforeAsync(cutoff, BatchSize, cancellationToken);
            var deletedInBatch = 0;
            foreach (var id in ids)
            {
                if (await TryDeleteAsync(runtime, id, cancellationToken))
                {
                    deletedInBatch++;
                }
            }

            deleted += deletedInBatch;

            // A batch in which nothing could be deleted would be read again unchanged, so the sweep ends there.
            if (ids.Count < BatchSize || deletedInBatch == 0)
            {
                break;
            }
        }

        Log.Swept(_logger, deleted, cutoff);
        return deleted;
    }

    private async Task<bool> TryDeleteAsync(IWorkflowRuntime runtime, string instanceId, CancellationToken cancellationToken)
    {
        try
        {
            await runtime.DeleteAsync(instanceId, force: false, cancellationToken);
            Log.Deleted(_logger, instanceId);
            return true;
        }
        catch (Exception exception) when (exception is WorkflowConflictException or WorkflowNotFoundException or WorkflowInstanceBusyException)
        {
            // A retry made the instance run again, someone else deleted it since it was listed, or another node holds
            // its lease. The next sweep lists it again if it is still there.
            Log.Skipped(_logger, instanceId, exception.Message);
            return false;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1500, Level = LogLevel.Debug, Message = "Retention is off because Retention:FinishedInstanceAge is unset.")]
        public static partial void Disabled(ILogger logger);

        [LoggerMessage(EventId = 1501, Level = LogLevel.Information, Message = "Retention deletes instances {Age} after they finished, checking every {Interval}.")]
        public static partial void Started(ILogger logger, TimeSpan age, TimeSpan interval);

        [LoggerMessage(EventId = 1502, Level = LogLevel.Information, Message = "Retention deleted {Count} instances that finished before {Cutoff}.")]
        public static partial void Swept(ILogger logger, int count, DateTimeOffset cutoff);

        [LoggerMessage(EventId = 1503, Level = LogLevel.Debug, Message = "Retention deleted workflow instance {WorkflowInstanceId}.")]
        public static partial void Deleted(ILogger logger, string workflowInstanceId);

        [LoggerMessage(EventId = 1504, Level = LogLevel.Debug, Message = "Retention skipped workflow instance {WorkflowInstanceId}: {Reason}")]
        public static partial void Skipped(ILogger logger, string workflowInstanceId, string reason);

        [LoggerMessage(EventId = 1505, Level = LogLevel.Error, Message = "A retention sweep failed. The next one runs in {Interval}.")]
        public static partial void SweepFailed(ILogger logger, Exception exception, TimeSpan interval);
    }
}
