using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ModelEngine.Server.Tests.Infrastructure;

/// <summary>
/// Records the timer job's log events (fired, not claimed) by timer id, so that a test can count how often each timer
/// fired through the real Hangfire server. Only this provider receives the scheduling category at Debug level.
/// </summary>
public sealed class TimerLogRecorder : ILoggerProvider
{
    /// <summary>The event id the timer job logs when it resumed a bookmark.</summary>
    public const int FiredEventId = 1202;

    /// <summary>The event id the timer job logs when its claim failed because the timer was gone or claimed.</summary>
    public const int NotClaimedEventId = 1200;

    private readonly ConcurrentDictionary<string, int> _fired = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _notClaimed = new(StringComparer.Ordinal);

    /// <summary>How many times each timer fired.</summary>
    public IReadOnlyDictionary<string, int> Fired => _fired;

    /// <summary>How many times a job found each timer gone or claimed.</summary>
    public IReadOnlyDictionary<string, int> NotClaimed => _notClaimed;

    /// <summary>Adds this recorder to the host's logging, with the scheduling category at Debug for it alone.</summary>
    public void AddTo(IServiceCollection services) =>
        services.AddLogging(logging => logging
            .AddProvider(this)
            .AddFilter<TimerLogRecorder>("ModelEngine.Server.Scheduling", LogLevel.Debug));

    public ILogger CreateLogger(string categoryName) =>
        categoryName.StartsWith("ModelEngine.Server.Scheduling.DurableTimerJob", StringComparison.Ordinal) ? new Recorder(this) : NullLoggerInstance;

    public void Dispose()
    {
    }

    private static readonly ILogger NullLoggerInstance = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    private sealed class Recorder(TimerLogRecorder owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var target = eventId.Id switch
            {
                FiredEventId => owner._fired,
                NotClaimedEventId => owner._notClaimed,
                _ => null,
            };
            if (target is null || state is not IReadOnlyList<KeyValuePair<string, object?>> values)
            {
                return;
            }

            var timerId = values.FirstOrDefault(pair => pair.Key == "TimerId").Value as string;
            if (timerId is not null)
            {
                target.AddOrUpdate(timerId, 1, (_, count) => count + 1);
            }
        }
    }
}
