using Microsoft.Extensions.Options;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Server.Scheduling;

/// <summary>
/// The Hangfire job that fires one durable timer: it claims the timer row, so that only one job fires it, and then
/// resumes the timer's bookmark. Public because Hangfire invokes it by reflection.
/// </summary>
public sealed partial class DurableTimerJob
{
    /// <summary>The maximum number of other due timers that one Hangfire run fires after its own.</summary>
    public const int OtherDueBatchSize = 100;

    /// <summary>How many of those other due timers one run fires at the same time.</summary>
    public const int OtherDueConcurrency = 8;

    private static readonly TimeSpan DueTimeMargin = TimeSpan.FromMilliseconds(1);

    private readonly IDurableTimerStore _timers;
    private readonly IWorkflowRuntime _runtime;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _claimLease;
    private readonly ILogger<DurableTimerJob> _logger;

    public DurableTimerJob(
        IDurableTimerStore timers,
        IWorkflowRuntime runtime,
        TimeProvider timeProvider,
        IOptions<SchedulingOptions> options,
        ILogger<DurableTimerJob> logger)
    {
        _timers = timers;
        _runtime = runtime;
        _timeProvider = timeProvider;
        _claimLease = options.Value.ClaimLease;
        _logger = logger;
    }

    /// <summary>
    /// Waits until <paramref name="dueAt"/> when Hangfire runs the job early, then claims and fires the timer as
    /// <see cref="FireAsync"/> does. Hangfire may run a delayed job before its time: with the SQLite storage, a timer
    /// fired about 0.35 s early before this wait existed. The run then fires up to
    /// <see cref="OtherDueBatchSize"/> other timers that are already due, so that timers due in the same second do not
    /// each wait for a free Hangfire worker. Their own jobs later find them claimed and do nothing.
    /// </summary>
    public async Task<bool> FireAtAsync(string timerId, string workflowInstanceId, string bookmarkId, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        // NOTE: a join finished a few milliseconds before its timer's due time under load, which suggests that Hangfire
        // stores the job's copy of the due time with less precision than the timer row. The wait adds one millisecond.
        var early = dueAt + DueTimeMargin - _timeProvider.GetUtcNow();
        if (early > TimeSpan.Zero)
        {
            Log.WaitingForDueTime(_logger, timerId, workflowInstanceId, early.TotalMilliseconds);
            await Task.Delay(early, _timeProvider, cancellationToken);
        }

        var fired = await FireAsync(timerId, workflowInstanceId, bookmarkId, cancellationToken);
        await FireOtherDueAsync(timerId, cancellationToken);
        return fired;
    }

    private async Task FireOtherDueAsync(string timerId, CancellationToken cancellationToken)
    {
        var due = await _timers.ListDueAsync(_timeProvider.GetUtcNow(), OtherDueBatchSize, cancellationToken);

        // The timers fire side by side. The claim keeps each timer to one firing, and the runtime serializes the timers
        // of one instance.
        var options = new ParallelOptions { MaxDegreeOfParallelism = OtherDueConcurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(due.Where(timer => timer.Id != timerId), options, async (timer, token) =>
        {
            try
            {
                await FireAsync(timer.Id, timer.WorkflowInstanceId, timer.BookmarkId, token);
            }
            catch (Exception exception) when (exception is ConcurrencyConflictException or WorkflowNotFoundException or WorkflowInstanceBusyException)
            {
                // The claim stays until ClaimLease ends, and then the sweep or the timer's own job fires it again.
                Log.OtherTimerFailed(_logger, timer.Id, timer.WorkflowInstanceId, exception.Message);
            }
        });
    }

    /// <summary>
    /// Claims and fires a timer. Returns <see langword="true"/> when this call resumed the bookmark, and
    /// <see langword="false"/> when the timer was already claimed or gone, or its bookmark was already consumed.
    /// </summary>
    public async Task<bool> FireAsync(string timerId, string workflowInstanceId, string bookmarkId, CancellationToken cancellationToken)
    {
        var now = _timeProvider.GetUtcNow();
        if (!await _timers.TryClaimAsync(timerId, now, _claimLease, cancellationToken))
        {
            Log.NotClaimed(_logger, timerId, workflowInstanceId);
            return false;
        }

        try
        {
            await _runtime.ResumeAsync(new ResumeWorkflowRequest(workflowInstanceId, bookmarkId), cancellationToken);
        }
        catch (BookmarkNotFoundException)
        {
            // The bookmark was consumed or the instance ended after the timer was written: nothing to fire.
            Log.BookmarkGone(_logger, timerId, workflowInstanceId, bookmarkId);
            return false;
        }

        Log.Fired(_logger, timerId, workflowInstanceId, bookmarkId);
        return true;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1200, Level = LogLevel.Debug, Message = "Timer {TimerId} of workflow instance {WorkflowInstanceId} was not claimed: it already fired, is gone or another job holds it.")]
        public static partial void NotClaimed(ILogger logger, string timerId, string workflowInstanceId);

        [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "Timer {TimerId} of workflow instance {WorkflowInstanceId} found no bookmark {BookmarkId}; it was already resumed or the instance ended, so nothing ran.")]
        public static partial void BookmarkGone(ILogger logger, string timerId, string workflowInstanceId, string bookmarkId);

        [LoggerMessage(EventId = 1204, Level = LogLevel.Warning, Message = "Timer {TimerId} of workflow instance {WorkflowInstanceId} was claimed but not fired: {Reason}. It fires again after Scheduling:ClaimLease.")]
        public static partial void OtherTimerFailed(ILogger logger, string timerId, string workflowInstanceId, string reason);

        [LoggerMessage(EventId = 1203, Level = LogLevel.Debug, Message = "Timer {TimerId} of workflow instance {WorkflowInstanceId} ran {EarlyMilliseconds:0} ms before its due time and waits for it.")]
        public static partial void WaitingForDueTime(ILogger logger, string timerId, string workflowInstanceId, double earlyMilliseconds);

        [LoggerMessage(EventId = 1202, Level = LogLevel.Debug, Message = "Timer {TimerId} resumed bookmark {BookmarkId} of workflow instance {WorkflowInstanceId}.")]
        public static partial void Fired(ILogger logger, string timerId, string workflowInstanceId, string bookmarkId);
    }
}
