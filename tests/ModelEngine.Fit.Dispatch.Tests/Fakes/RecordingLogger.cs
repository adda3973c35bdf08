using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ModelEngine.Fit.Dispatch.Tests.Fakes;

/// <summary>A logger that keeps every entry with its structured fields and counts how often a message was formatted.</summary>
public sealed class RecordingLogger<T>(LogLevel minimum) : ILogger<T>
{
    private int _formatted;

    public ConcurrentQueue<Entry> Entries { get; } = new();

    public int Formatted => Volatile.Read(ref _formatted);

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var fields = state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
        Entries.Enqueue(new Entry(logLevel, eventId.Id, fields.ToDictionary(f => f.Key, f => f.Value), () =>
        {
            Interlocked.Increment(ref _formatted);
            return formatter(state, exception);
        }));
    }

    public sealed record Entry(LogLevel Level, int EventId, IReadOnlyDictionary<string, object?> Fields, Func<string> Format);
}
