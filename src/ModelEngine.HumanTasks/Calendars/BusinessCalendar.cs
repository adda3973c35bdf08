using System.Globalization;

namespace ModelEngine.HumanTasks.Calendars;

/// <summary>
/// Counts durations in working time: only the configured working hours of days that are not holidays, in the
/// calendar's time zone. A duration of business time is elapsed time inside those hours, so an hour across a daylight
/// saving change is still sixty minutes of work.
/// </summary>
public sealed class BusinessCalendar
{
    /// <summary>How far ahead a duration may reach before the calendar is taken to have no working time at all.</summary>
    private const int MaxSearchDays = 366 * 10;

    private static readonly TimeSpan EndOfDay = TimeSpan.FromDays(1);

    private readonly Dictionary<DayOfWeek, List<(TimeSpan Start, TimeSpan End)>> _hours;
    private readonly HashSet<DateOnly> _holidays;

    private BusinessCalendar(string name, TimeZoneInfo timeZone, Dictionary<DayOfWeek, List<(TimeSpan Start, TimeSpan End)>> hours, HashSet<DateOnly> holidays)
    {
        Name = name;
        TimeZone = timeZone;
        _hours = hours;
        _holidays = holidays;
    }

    public string Name { get; }

    public TimeZoneInfo TimeZone { get; }

    /// <summary>
    /// Builds the calendar <paramref name="name"/> from its settings. Returns <see langword="null"/> and lists every
    /// problem in <paramref name="errors"/>, each naming the configuration key, when a setting is invalid.
    /// </summary>
    public static BusinessCalendar? Create(string name, BusinessCalendarSettings settings, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(errors);
        var key = $"HumanTasks:Calendars:{name}";
        var before = errors.Count;

        TimeZoneInfo? timeZone = null;
        try
        {
            timeZone = TimeZoneInfo.FindSystemTimeZoneById(string.IsNullOrWhiteSpace(settings.TimeZone) ? "UTC" : settings.TimeZone.Trim());
        }
        catch (Exception exception) when (exception is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            errors.Add($"{key}:TimeZone is '{settings.TimeZone}', which is not a known time zone. Use an IANA id such as Europe/Berlin or America/New_York.");
        }

        var hours = ReadHours(key, settings.WorkingHours, errors);
        var holidays = new HashSet<DateOnly>();
        for (var i = 0; i < settings.Holidays.Count; i++)
        {
            var text = settings.Holidays[i]?.Trim();
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                holidays.Add(date);
            }
            else
            {
                errors.Add($"{key}:Holidays:{i} is '{text}', which is not a date. Write it as yyyy-MM-dd, such as 2026-12-25.");
            }
        }

        return errors.Count > before ? null : new BusinessCalendar(name, timeZone!, hours, holidays);
    }

    /// <summary>Whether <paramref name="date"/>, a local date of the calendar, is a configured holiday.</summary>
    public bool IsHoliday(DateOnly date) => _holidays.Contains(date);

    /// <summary>
    /// Returns the instant, in UTC, at which <paramref name="duration"/> of working time has passed after
    /// <paramref name="start"/>. Time outside working hours and on holidays does not count, so a start outside working
    /// hours counts from the next working hour.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="duration"/> is negative.</exception>
    /// <exception cref="InvalidOperationException">The calendar has no working time within ten years of <paramref name="start"/>.</exception>
    public DateTimeOffset Add(DateTimeOffset start, TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        var cursor = start.ToUniversalTime();
        if (duration == TimeSpan.Zero)
        {
            return cursor;
        }

        var remaining = duration;
        var date = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(cursor, TimeZone).DateTime);
        for (var day = 0; day < MaxSearchDays; day++, date = date.AddDays(1))
        {
            if (_holidays.Contains(date) || !_hours.TryGetValue(date.DayOfWeek, out var intervals))
            {
                continue;
            }

            foreach (var (startOfWork, endOfWork) in intervals)
            {
                var from = ToUtc(date, startOfWork);
                var to = ToUtc(date, endOfWork);
                if (to <= cursor)
                {
                    continue;
                }

                if (from < cursor)
                {
                    from = cursor;
                }

                var available = to - from;
                if (remaining <= available)
                {
                    return from + remaining;
                }

                remaining -= available;
                cursor = to;
            }
        }

        throw new InvalidOperationException(
            $"Business calendar '{Name}' has no working time in the {MaxSearchDays} days after {start:O}, so {duration} of business time never passes. Check its WorkingHours and Holidays.");
    }

    /// <summary>Converts a local time of the calendar to UTC. A time skipped by a daylight saving change moves to the first valid minute after it.</summary>
    private DateTimeOffset ToUtc(DateOnly date, TimeSpan timeOfDay)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified) + timeOfDay;
        for (var shift = 0; shift < 24 * 60 && TimeZone.IsInvalidTime(local); shift++)
        {
            local = local.AddMinutes(1);
        }

        // An ambiguous local time (the repeated hour at the end of daylight saving) is taken at its first occurrence.
        var offset = TimeZone.IsAmbiguousTime(local) ? TimeZone.GetAmbiguousTimeOffsets(local).Max() : TimeZone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    private static Dictionary<DayOfWeek, List<(TimeSpan Start, TimeSpan End)>> ReadHours(string key, List<WorkingHoursSettings> workingHours, List<string> errors)
    {
        var hours = new Dictionary<DayOfWeek, List<(TimeSpan Start, TimeSpan End)>>();
        if (workingHours.Count == 0)
        {
            errors.Add($"{key}:WorkingHours is empty. Add at least one entry, such as {{ \"days\": [\"Monday\", \"Friday\"], \"start\": \"09:00\", \"end\": \"17:00\" }}.");
        }

        for (var i = 0; i < workingHours.Count; i++)
        {
            var entry = workingHours[i];
            var entryKey = $"{key}:WorkingHours:{i}";
            var start = ReadTime($"{entryKey}:Start", entry.Start, errors);
            var end = ReadTime($"{entryKey}:End", entry.End, errors);
            if (start is not null && end is not null && start >= end)
            {
                errors.Add($"{entryKey} starts at {entry.Start} and ends at {entry.End}. The end must be after the start; use 24:00 for the end of the day.");
            }

            if (entry.Days.Count == 0)
            {
                errors.Add($"{entryKey}:Days is empty. Name the days these hours apply to, such as [\"Monday\", \"Tuesday\"].");
            }

            foreach (var text in entry.Days)
            {
                if (!Enum.TryParse<DayOfWeek>(text?.Trim(), ignoreCase: true, out var day) || int.TryParse(text, out _))
                {
                    errors.Add($"{entryKey}:Days has '{text}', which is not a day. Use English day names, such as Monday.");
                    continue;
                }

                if (start is { } from && end is { } to && from < to)
                {
                    if (!hours.TryGetValue(day, out var intervals))
                    {
                        intervals = [];
                        hours[day] = intervals;
                    }

                    intervals.Add((from, to));
                }
            }
        }

        foreach (var day in hours.Keys.ToList())
        {
            hours[day] = Merge(hours[day]);
        }

        return hours;
    }

    /// <summary>Sorts the intervals of one day and joins those that overlap or touch, so that no time counts twice.</summary>
    private static List<(TimeSpan Start, TimeSpan End)> Merge(List<(TimeSpan Start, TimeSpan End)> intervals)
    {
        var merged = new List<(TimeSpan Start, TimeSpan End)>();
        foreach (var interval in intervals.OrderBy(interval => interval.Start))
        {
            if (merged.Count > 0 && interval.Start <= merged[^1].End)
            {
                merged[^1] = (merged[^1].Start, interval.End > merged[^1].End ? interval.End : merged[^1].End);
            }
            else
            {
                merged.Add(interval);
            }
        }

        return merged;
    }

    private static TimeSpan? ReadTime(string key, string? text, List<string> errors)
    {
        var trimmed = text?.Trim();
        if (trimmed is "24:00" or "24:00:00")
        {
            return EndOfDay;
        }

        if (TimeSpan.TryParseExact(trimmed, [@"hh\:mm", @"h\:mm", @"hh\:mm\:ss"], CultureInfo.InvariantCulture, out var time) && time < EndOfDay)
        {
            return time;
        }

        errors.Add($"{key} is '{text}', which is not a time of day. Write it as HH:mm, such as 09:00 or 17:30.");
        return null;
    }
}
