using Microsoft.Extensions.Options;
using ModelEngine.Workflows.Runtime.Composition;

namespace ModelEngine.Server.Hosting;

/// <summary>
/// Runs <see cref="ChildWorkflowSweeper"/> at start-up and then every <see cref="ExecutionOptions.ChildSweepInterval"/>
/// of the host's <see cref="TimeProvider"/>, so that a parent whose child ended on a node that stopped before resuming
/// it still continues.
/// </summary>
internal sealed partial class ChildWorkflowSweepService : BackgroundService
{
    private readonly IServiceScopeFactory _scopes;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<ChildWorkflowSweepService> _logger;

    public ChildWorkflowSweepService(
        IServiceScopeFactory scopes,
        IOptions<ExecutionOptions> options,
        TimeProvider timeProvider,
        ILogger<ChildWorkflowSweepService> logger)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Value.ChildSweepInterval, TimeSpan.Zero, "Execution:ChildSweepInterval");

        _scopes = scopes;
        _interval = options.Value.ChildSweepInterval;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_interval, _timeProvider);
        do
        {
            try
            {
                await using var scope = _scopes.CreateAsyncScope();
                var resumed = await scope.ServiceProvider.GetRequiredService<ChildWorkflowSweeper>().SweepAsync(stoppingToken);
                if (resumed > 0)
                {
                    Log.Resumed(_logger, resumed);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                Log.SweepFailed(_logger, exception, _interval.TotalSeconds);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1130, Level = LogLevel.Information, Message = "The child sweep resumed {Count} parent workflow instances whose child had ended.")]
        public static partial void Resumed(ILogger logger, int count);

        [LoggerMessage(EventId = 1131, Level = LogLevel.Error, Message = "The child sweep failed; it runs again in {IntervalSeconds} s.")]
        public static partial void SweepFailed(ILogger logger, Exception exception, double intervalSeconds);
    }
}
