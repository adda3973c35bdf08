using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ModelEngine.Fit.SharedMemory;

/// <summary>
/// Runs <see cref="SharedMemoryStore.Collect"/> once at start-up, to clear segments of processes that died while the
/// node was down, and then every <see cref="Interval"/>.
/// </summary>
public sealed partial class SharedMemoryCollector : IHostedService, IDisposable
{
    private readonly SharedMemoryStore _store;

    private readonly TimeProvider _time;

    private readonly ILogger _logger;

    /// <summary>Stops the loop.</summary>
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>The running loop, or null before start.</summary>
    private Task? _loop;

    public SharedMemoryCollector(SharedMemoryStore store, TimeProvider? timeProvider = null, ILogger<SharedMemoryCollector>? logger = null)
    {
        _store = store;
        _time = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>The time between two collections: 30 seconds unless set before start.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(30);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        RunOnce();
        _loop = LoopAsync(_stopping.Token);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Stops the loop. The token source is cancelled, not disposed, so that a host may still call
    /// <see cref="StopAsync"/> afterwards: a web application's run loop and the code that owns the application can both
    /// stop it, and the one that finishes first disposes the services while the other is still stopping them.
    /// </summary>
    public void Dispose() => _stopping.Cancel();

    private async Task LoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Interval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                RunOnce();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private void RunOnce()
    {
        try
        {
            var removed = _store.Collect();
            if (removed > 0)
            {
                Log.Collected(_logger, removed);
            }
        }
        catch (Exception exception)
        {
            Log.CollectFailed(_logger, exception);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 10, Level = LogLevel.Debug, Message = "Removed {Count} dead shared-memory segments.")]
        public static partial void Collected(ILogger logger, int count);

        [LoggerMessage(EventId = 11, Level = LogLevel.Error, Message = "Collecting shared-memory segments failed.")]
        public static partial void CollectFailed(ILogger logger, Exception exception);
    }
}
