using System.Diagnostics.CodeAnalysis;
using Cronos;

namespace ModelEngine.Workflows.Scheduling;

/// <summary>
/// A parsed cron expression in a time zone. Five fields (minute to day of week) or six with a leading seconds field are
/// accepted, as are Cronos macros such as <c>@daily</c>. Occurrences follow the zone's daylight saving rules.
/// </summary>
public sealed class CronSchedule
{
    private static readonly TimeSpan[] s_lookBackWindows =
    [
        TimeSpan.FromMinutes(2),
        TimeSpan.FromHours(2),
        TimeSpan.FromDays(2),
        TimeSpan.FromDays(32),
        TimeSpan.FromDays(367),
        TimeSpan.FromDays(366 * 8),
    ];

    private readonly CronExpression _expression;

    private CronSchedule(string expression, CronExpression parsed, TimeZoneInfo timeZone)
    {
        Expression = expression;
        _expression = parsed;
        TimeZone = timeZone;
    }

    /// <summary>The expression as written.</summary>
    public string Expression { get; }

    /// <summary>The time zone the expression is read in; UTC when none was given.</summary>
    public TimeZoneInfo TimeZone { get; }

    /// <summary>
    /// Parses <paramref name="expression"/> in the zone <paramref name="timeZoneId"/> (an IANA id such as
    /// <c>Europe/Berlin</c>, or UTC when empty). On failure <paramref name="error"/> names the invalid part and the fix.
    /// </summary>
    public static bool TryParse(
        string? expression,
        string? timeZoneId,
        [NotNullWhen(true)] out CronSchedule? schedule,
        [NotNullWhen(false)] out string? error)
    {
        schedule = null;
        if (string.IsNullOrWhiteSpace(expression))
        {
            error = "The cron expression is empty. Write five fields (minute hour day-of-month month day-of-week), such as '0 9 * * MON-FRI', or six with a leading seconds field.";
            return false;
        }

        if (!TryFindTimeZone(timeZoneId, out var timeZone))
        {
            error = $"The time zone '{timeZoneId}' is unknown. Use an IANA time zone id such as 'Europe/Berlin' or 'UTC'.";
            return false;
        }

        var trimmed = expression.Trim();
        var fieldCount = trimmed.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        var format = fieldCount == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard;
        try
        {
            schedule = new CronSchedule(trimmed, CronExpression.Parse(trimmed, format), timeZone);
            error = null;
            return true;
        }
        catch (CronFormatException exception)
        {
            error = $"The cron expression '{trimmed}' is invalid: {exception.Message} Write five fields (minute hour day-of-month month day-of-week), such as '0 9 * * MON-FRI', or six with a leading seconds field.";
            return false;
        }
    }

    /// <summary>Returns the first occurrence strictly after <paramref name="after"/>, or <see langword="null"/> when there is none.</summary>
    public DateTimeOffset? GetNextOccurrence(DateTimeOffset after) =>
        _expression.GetNextOccurrence(after, TimeZone, inclusive: false);

    /// <summary>
    /// Returns the last occurrence at or before <paramref name="atOrBefore"/>, looking back at most eight years, or
    /// <see langword="null"/> when there is none in that span.
    /// </summary>
    public DateTimeOffset? GetLatestOccurrence(DateTimeOffset atOrBefore)
    {
        // Cronos only counts forward, so each window is searched forward from its start, shortest window first.
        foreach (var window in s_lookBackWindows)
        {
            DateTimeOffset? latest = null;
            foreach (var occurrence in _expression.GetOccurrences(atOrBefore - window, atOrBefore, TimeZone, fromInclusive: true, toInclusive: true))
            {
                latest = occurrence;
            }

            if (latest is not null)
            {
                return latest;
            }
        }

        return null;
    }

    /// <summary>Returns whether <paramref name="timeZoneId"/> is empty (UTC) or a time zone found on this host.</summary>
    public static bool IsKnownTimeZone(string? timeZoneId) => TryFindTimeZone(timeZoneId, out _);

    private static bool TryFindTimeZone(string? timeZoneId, [NotNullWhen(true)] out TimeZoneInfo? timeZone)
    {
        if (string.IsNullOrWhiteSpace(timeZoneId))
        {
            timeZone = TimeZoneInfo.Utc;
            return true;
        }

        try
        {
            timeZone = TimeZoneInfo.FindSystemTimeZoneById(timeZoneId.Trim());
            return true;
        }
        catch (Exception exception) when (exception is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            timeZone = null;
            return false;
        }
    }
}
