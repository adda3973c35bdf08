using Hangfire;
using Hangfire.Common;
using Hangfire.Storage;
using ModelEngine.Workflows.Scheduling;

namespace ModelEngine.Server.Scheduling.CronTriggers;

/// <summary>
/// Keeps one Hangfire recurring job per definition whose published version starts with a Cron activity. Every method
/// is idempotent, so that a node may apply the same state again, for example at start-up.
/// </summary>
internal sealed partial class CronTriggerRegistry
{
    /// <summary>The prefix of the recurring job ids of cron triggers; the definition id follows it.</summary>
    public const string JobIdPrefix = "modelengine-cron:";

    private readonly IRecurringJobManager _recurringJobs;
    private readonly JobStorage _storage;
    private readonly ILogger<CronTriggerRegistry> _logger;

    public CronTriggerRegistry(IRecurringJobManager recurringJobs, JobStorage storage, ILogger<CronTriggerRegistry> logger)
    {
        _recurringJobs = recurringJobs;
        _storage = storage;
        _logger = logger;
    }

    public static string JobIdOf(string definitionId) => JobIdPrefix + definitionId;

    /// <summary>Adds or replaces the recurring job of <paramref name="definitionId"/>, or removes it when <paramref name="trigger"/> is <see langword="null"/>.</summary>
    public void Apply(string definitionId, CronTrigger? trigger)
    {
        var jobId = JobIdOf(definitionId);
        if (trigger is null)
        {
            _recurringJobs.RemoveIfExists(jobId);
            Log.Removed(_logger, definitionId, jobId);
            return;
        }

        if (!trigger.TryGetSchedule(out var schedule, out var error))
        {
            // Publishing validates the schedule, so this happens only when the host's time zones differ from the publisher's.
            _recurringJobs.RemoveIfExists(jobId);
            Log.Invalid(_logger, definitionId, trigger.ActivityId, error!);
            return;
        }

        var job = Job.FromExpression<CronTriggerJob>(
            target => target.RunAsync(trigger.DefinitionId, trigger.ActivityId, null, CancellationToken.None));
        try
        {
            _recurringJobs.AddOrUpdate(jobId, job, schedule!.Expression, new RecurringJobOptions { TimeZone = schedule.TimeZone });
        }
        catch (ArgumentException exception)
        {
            // Hangfire parses cron with the same Cronos rules, so this means the two disagree about this expression.
            Log.Invalid(_logger, definitionId, trigger.ActivityId, exception.Message);
            return;
        }

        Log.Registered(_logger, definitionId, trigger.ActivityId, schedule.Expression, schedule.TimeZone.Id, jobId);
    }

    /// <summary>Lists the definition ids that have a cron trigger's recurring job in Hangfire's storage.</summary>
    public IReadOnlyList<string> ListDefinitionIds()
    {
        using var connection = _storage.GetConnection();
        return connection.GetRecurringJobs()
            .Select(job => job.Id)
            .Where(id => id.StartsWith(JobIdPrefix, StringComparison.Ordinal))
            .Select(id => id[JobIdPrefix.Length..])
            .ToList();
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1270, Level = LogLevel.Information, Message = "Cron trigger {ActivityId} of {DefinitionId} runs on '{CronExpression}' in time zone {TimeZone} as recurring job {JobId}.")]
        public static partial void Registered(ILogger logger, string definitionId, string activityId, string cronExpression, string timeZone, string jobId);

        [LoggerMessage(EventId = 1271, Level = LogLevel.Debug, Message = "Definition {DefinitionId} has no cron trigger; recurring job {JobId} is removed if it existed.")]
        public static partial void Removed(ILogger logger, string definitionId, string jobId);

        [LoggerMessage(EventId = 1272, Level = LogLevel.Error, Message = "Cron trigger {ActivityId} of {DefinitionId} is not registered: {Error}")]
        public static partial void Invalid(ILogger logger, string definitionId, string activityId, string error);
    }
}
