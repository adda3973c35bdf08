using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Server.Scheduling;

/// <summary>
/// Stands in for Hangfire when <c>Scheduling:Enabled</c> is false: timer rows are still committed, and they fire when
/// <see cref="DurableTimerJob"/> is called or when a node with scheduling on sweeps them.
/// </summary>
internal sealed partial class DisabledTimerScheduler : IDurableTimerScheduler
{
    private readonly ILogger<DisabledTimerScheduler> _logger;

    public DisabledTimerScheduler(ILogger<DisabledTimerScheduler> logger)
    {
        _logger = logger;
    }

    public void Schedule(DurableTimer timer)
    {
        ArgumentNullException.ThrowIfNull(timer);
        Log.NotScheduled(_logger, timer.Id, timer.WorkflowInstanceId, timer.DueAt);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1230, Level = LogLevel.Debug, Message = "Scheduling is disabled; timer {TimerId} of workflow instance {WorkflowInstanceId} due at {DueAt:O} is left for another node's sweep.")]
        public static partial void NotScheduled(ILogger logger, string timerId, string workflowInstanceId, DateTimeOffset dueAt);
    }
}
