using Microsoft.Extensions.Options;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Server.Scheduling;

/// <summary>
/// Schedules a job for every timer that falls due before the next sweep, so that a timer whose delayed job was never
/// created (the node died between the commit and the scheduling) still fires. A timer that also has its original job
/// fires once, because each job claims the timer row first. Public because Hangfire invokes it by reflection.
/// </summary>
public sealed partial class TimerSweepJob
{
    /// <summary>The id of the recurring Hangfire job that runs the sweep every minute.</summary>
    public const string RecurringJobId = "modelengine-timer-sweep";

    /// <summary>How far ahead a sweep looks: one sweep interval.</summary>
    public static readonly TimeSpan LookAhead = TimeSpan.FromMinutes(1);

    private readonly IDurableTimerStore _timers;
    private readonly IDurableTimerScheduler _scheduler;
    private readonly TimeProvider _timeProvider;
    private readonly int _batchSize;
    private readonly ILogger<TimerSweepJob> _logger;

    public TimerSweepJob(
        IDurableTimerStore timers,
        IDurableTimerScheduler scheduler,
        TimeProvider timeProvider,
        IOptions<SchedulingOptions> options,
        ILogger<TimerSweepJob> logger)
    {
        _timers = timers;
        _scheduler = scheduler;
        _timeProvider = timeProvider;
        _batchSize = options.Value.SweepBatchSize;
        _logger = logger;
    }

    /// <summary>Schedules the timers due within <see cref="LookAhead"/> and returns how many it scheduled.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var dueBefore = _timeProvider.GetUtcNow() + LookAhead;
        var due = await _timers.ListDueAsync(dueBefore, _batchSize, cancellationToken);
        foreach (var timer in due)
        {
            _scheduler.Schedule(timer);
        }

        if (due.Count >= _batchSize)
        {
            Log.BatchFull(_logger, _batchSize);
        }
        else
        {
            Log.Swept(_logger, due.Count);
        }

        return due.Count;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1210, Level = LogLevel.Debug, Message = "The timer sweep scheduled {Count} due timers.")]
        public static partial void Swept(ILogger logger, int count);

        [LoggerMessage(EventId = 1211, Level = LogLevel.Warning, Message = "The timer sweep scheduled {BatchSize} timers, its batch size (Scheduling:SweepBatchSize); the rest wait for the next sweep.")]
        public static partial void BatchFull(ILogger logger, int batchSize);
    }
}
