using Microsoft.Extensions.Options;
using ModelEngine.Workflows.Idempotency;

namespace ModelEngine.Server.Idempotency;

/// <summary>
/// Deletes expired <c>Idempotency-Key</c> records at start-up and then every <see cref="IdempotencyOptions.SweepInterval"/>.
/// Each node runs it; a record that another node deleted first is simply gone.
/// </summary>
internal sealed partial class IdempotencyCleanupService : BackgroundService
{
    private const int BatchSize = 1000;

    private readonly IIdempotencyStore _store;
    private readonly IdempotencyOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<IdempotencyCleanupService> _logger;

    public IdempotencyCleanupService(IIdempotencyStore store, IOptions<IdempotencyOptions> options, TimeProvider timeProvider, ILogger<IdempotencyCleanupService> logger)
    {
        _store = store;
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.SweepInterval, _timeProvider);
        do
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                Log.SweepFailed(_logger, exception, _options.SweepInterval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Deletes every expired record and returns how many.</summary>
    internal async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var now = _timeProvider.GetUtcNow();
        var deleted = 0;
        int batch;
        do
        {
            batch = await _store.DeleteExpiredAsync(now, BatchSize, cancellationToken);
            deleted += batch;
        }
        while (batch == BatchSize);

        Log.Swept(_logger, deleted, now);
        return deleted;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1610, Level = LogLevel.Debug, Message = "Deleted {Count} Idempotency-Key records that expired before {Now}.")]
        public static partial void Swept(ILogger logger, int count, DateTimeOffset now);

        [LoggerMessage(EventId = 1611, Level = LogLevel.Error, Message = "Deleting expired Idempotency-Key records failed. The next attempt is in {Interval}.")]
        public static partial void SweepFailed(ILogger logger, Exception exception, TimeSpan interval);
    }
}
