using Microsoft.Extensions.Logging;

namespace ModelEngine.Fel.Providers.Tests.Infrastructure;

/// <summary>One log entry that <see cref="CapturingLoggerProvider"/> recorded.</summary>
public sealed record CapturedLogEntry(string Category, LogLevel Level, int EventId, string Message, string Values, string? Exception)
{
    /// <summary>Every text of the entry, for checks that a secret appears nowhere.</summary>
    public string AllText => $"{Category} {Message} {Values} {Exception}";
}
