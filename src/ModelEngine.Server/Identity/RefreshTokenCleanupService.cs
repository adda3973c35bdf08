using ModelEngine.Workflows.Security.Credentials;

namespace ModelEngine.Server.Identity;

/// <summary>
/// Deletes refresh tokens one day after they expired, every hour of the host's <see cref="TimeProvider"/>. The day
/// keeps a reused token that has just expired recognisable as reuse. After the deletion, such a token is unknown and
/// its presentation revokes nothing, which is harmless because it could not be exchanged any more.
/// </summary>
internal sealed partial class RefreshTokenCleanupService : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);
    public static readonly TimeSpan KeepAfterExpiry = TimeSpan.FromDays(1);

    private readonly IRefreshTokenStore _store;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<RefreshTokenCleanupService> _logger;

    public RefreshTokenCleanupService(IRefreshTokenStore store, TimeProvider timeProvider, ILogger<RefreshTokenCleanupService> logger)
    {
        _store = store;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>Deletes the tokens that expired more than <see cref="KeepAfterExpiry"/> ago, and returns how many.</summary>
    public async Task<int> CleanUpAsync(CancellationToken cancellationToken)
    {
        var deleted = await _store.DeleteExpiredAsync(_timeProvider.GetUtcNow() - KeepAfterExpiry, cancellationToken);
        if (deleted > 0)
        {
            Log.Deleted(_logger, deleted);
        }

        return deleted;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The first run waits one interval, so that it never races the migration at start-up.
        using var timer = new PeriodicTimer(Interval, _timeProvider);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await CleanUpAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                Log.Failed(_logger, exception, Interval);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1932, Level = LogLevel.Information, Message = "Deleted {Count} refresh tokens that expired more than a day ago.")]
        public static partial void Deleted(ILogger logger, int count);

        [LoggerMessage(EventId = 1933, Level = LogLevel.Error, Message = "Deleting expired refresh tokens failed. The next attempt runs in {Interval}.")]
        public static partial void Failed(ILogger logger, Exception exception, TimeSpan interval);
    }
}
