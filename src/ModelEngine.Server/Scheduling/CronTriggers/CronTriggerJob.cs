using Hangfire.Server;
using ModelEngine.Workflows.Runtime;
using ModelEngine.Workflows.Scheduling;

namespace ModelEngine.Server.Scheduling.CronTriggers;

/// <summary>
/// The Hangfire recurring job of a cron trigger: it starts one instance of the published version for each occurrence,
/// with the initiator <see cref="Initiator"/>. Public because Hangfire invokes it by reflection.
/// </summary>
/// <remarks>
/// Hangfire's recurring job scheduler creates one job per occurrence under a distributed lock, even with several nodes.
/// The start is idempotent as well: the instance id is derived from the trigger and the occurrence time, so a repeated
/// job for the same occurrence (a retry, or a manual trigger) returns the instance the first one started.
/// </remarks>
public sealed partial class CronTriggerJob
{
    /// <summary>The initiator recorded on instances started by a cron trigger.</summary>
    public const string Initiator = "system";

    private readonly WorkflowGraphCache _graphs;
    private readonly IWorkflowRuntime _runtime;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<CronTriggerJob> _logger;

    public CronTriggerJob(WorkflowGraphCache graphs, IWorkflowRuntime runtime, TimeProvider timeProvider, ILogger<CronTriggerJob> logger)
    {
        _graphs = graphs;
        _runtime = runtime;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>
    /// Runs as the recurring job. The occurrence is the last one at or before the time Hangfire created this job, which
    /// the recurring job scheduler does at the occurrence. Hangfire passes <paramref name="performContext"/>.
    /// </summary>
    public Task<string?> RunAsync(string definitionId, string activityId, PerformContext? performContext, CancellationToken cancellationToken)
    {
        var createdAt = performContext?.BackgroundJob.CreatedAt is { } created
            ? new DateTimeOffset(DateTime.SpecifyKind(created, DateTimeKind.Utc))
            : _timeProvider.GetUtcNow();
        return StartAsync(definitionId, activityId, createdAt, cancellationToken);
    }

    /// <summary>
    /// Starts the instance for the last occurrence at or before <paramref name="at"/> and returns its id, or
    /// <see langword="null"/> when the published version no longer has this trigger.
    /// </summary>
    public async Task<string?> StartAsync(string definitionId, string activityId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var record = await _graphs.FindPublishedAsync(definitionId, cancellationToken);
        var trigger = record is null ? null : CronTrigger.Find(_graphs.Get(record));
        if (record is null || trigger is null || trigger.ActivityId != activityId)
        {
            Log.TriggerGone(_logger, definitionId, activityId);
            return null;
        }

        if (!trigger.TryGetSchedule(out var schedule, out var error))
        {
            Log.InvalidSchedule(_logger, definitionId, activityId, error!);
            return null;
        }

        var occurrence = schedule!.GetLatestOccurrence(at) ?? at;
        var request = new StartWorkflowRequest(
            definitionId,
            Initiator: Initiator,
            VersionId: record.Id,
            IdempotencyKey: $"cron:{activityId}:{occurrence.UtcDateTime:O}",
            TriggerActivityId: activityId);
        var instanceId = await _runtime.DispatchAsync(request, cancellationToken);
        Log.Started(_logger, instanceId, definitionId, activityId, occurrence);
        return instanceId;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1260, Level = LogLevel.Information, Message = "Cron trigger {ActivityId} of {DefinitionId} started workflow instance {WorkflowInstanceId} for the occurrence at {Occurrence:O}.")]
        public static partial void Started(ILogger logger, string workflowInstanceId, string definitionId, string activityId, DateTimeOffset occurrence);

        [LoggerMessage(EventId = 1261, Level = LogLevel.Information, Message = "Cron trigger {ActivityId} of {DefinitionId} started nothing: the definition has no published version with that trigger any more.")]
        public static partial void TriggerGone(ILogger logger, string definitionId, string activityId);

        [LoggerMessage(EventId = 1262, Level = LogLevel.Error, Message = "Cron trigger {ActivityId} of {DefinitionId} started nothing: {Error}")]
        public static partial void InvalidSchedule(ILogger logger, string definitionId, string activityId, string error);
    }
}
