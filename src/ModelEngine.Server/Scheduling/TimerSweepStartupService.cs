using Hangfire;

namespace ModelEngine.Server.Scheduling;

/// <summary>
/// Runs one timer sweep at start-up, after the database is migrated, and registers the recurring job that sweeps every
/// minute.
/// </summary>
internal sealed partial class TimerSweepStartupService : IHostedService
{
    private readonly IServiceProvider _services;
    private readonly IRecurringJobManager _recurringJobs;
    private readonly ILogger<TimerSweepStartupService> _logger;

    public TimerSweepStartupService(IServiceProvider services, IRecurringJobManager recurringJobs, ILogger<TimerSweepStartupService> logger)
    {
        _services = services;
        _recurringJobs = recurringJobs;
        _logger = logger;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _recurringJobs.AddOrUpdate<TimerSweepJob>(
            TimerSweepJob.RecurringJobId,
            job => job.SweepAsync(CancellationToken.None),
            Cron.Minutely());

        await using var scope = _services.CreateAsyncScope();
        var sweep = scope.ServiceProvider.GetRequiredService<TimerSweepJob>();
        var count = await sweep.SweepAsync(cancellationToken);
        Log.StartupSweep(_logger, count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(EventId = 1240, Level = LogLevel.Information, Message = "The start-up timer sweep scheduled {Count} timers due within the next minute.")]
        public static partial void StartupSweep(ILogger logger, int count);
    }
}
