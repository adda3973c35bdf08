using Hangfire;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Server.Scheduling;

/// <summary>Arms each committed timer as a Hangfire delayed job that runs <see cref="DurableTimerJob"/> at its due time.</summary>
internal sealed partial class HangfireTimerScheduler : IDurableTimerScheduler
{
    private readonly IBackgroundJobClient _jobs;
    private readonly ILogger<HangfireTimerScheduler> _logger;

    public HangfireTimerScheduler(IBackgroundJobClient jobs, ILogger<HangfireTimerScheduler> logger)
    {
        _jobs = jobs;
        _logger = logger;
    }

    public void Schedule(DurableTimer timer)
    {
        ArgumentNullException.ThrowIfNull(timer);

        // Hangfire replaces CancellationToken.None with the job's own cancellation token when it runs the job.
        var jobId = _jobs.Schedule<DurableTimerJob>(
            job => job.FireAtAsync(timer.Id, timer.WorkflowInstanceId, timer.BookmarkId, timer.DueAt, CancellationToken.None),
            timer.DueAt);
        Log.Scheduled(_logger, timer.Id, timer.WorkflowInstanceId, timer.DueAt, jobId);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1220, Level = LogLevel.Debug, Message = "Timer {TimerId} of workflow instance {WorkflowInstanceId} is due at {DueAt:O}; Hangfire job {JobId}.")]
        public static partial void Scheduled(ILogger logger, string timerId, string workflowInstanceId, DateTimeOffset dueAt, string jobId);
    }
}
