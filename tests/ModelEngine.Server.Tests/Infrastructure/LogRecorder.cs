using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ModelEngine.Server.Tests.Infrastructure;

/// <summary>Records every log event the host writes, with its category, level, event id and structured values.</summary>
public sealed class LogRecorder : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public IReadOnlyCollection<LogEntry> Entries => _entries;

    public ILogger CreateLogger(string categoryName) => new Recorder(this, categoryName);

    public void Dispose()
    {
    }

    /// <summary>One recorded event. <see cref="Values"/> contains the named values of its message template.</summary>
    public sealed record LogEntry(string Category, LogLevel Level, int EventId, IReadOnlyDictionary<string, object?> Values);

    private sealed class Recorder(LogRecorder owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IReadOnlyList<KeyValuePair<string, object?>> pairs
                ? pairs.GroupBy(pair => pair.Key).ToDictionary(group => group.Key, group => group.First().Value)
                : new Dictionary<string, object?>();
            owner._entries.Enqueue(new LogEntry(category, logLevel, eventId.Id, values));
        }
    }
}
