using System.Globalization;

namespace ModelEngine.Studio.Localization;

/// <summary>
/// The studio's one way to show a point in time. Every screen shows times in UTC, the zone the server stores them in,
/// and every formatted time ends with "UTC", so the zone is stated wherever a time appears. The pattern is
/// year-month-day and a 24-hour clock, which reads the same in English and in Chinese: 2026-12-05 12:02 UTC.
/// </summary>
public static class StudioTime
{
    private const string Pattern = "yyyy-MM-dd HH:mm";
    private const string PatternWithSeconds = "yyyy-MM-dd HH:mm:ss";
    private const string ZoneSuffix = " UTC";

    /// <summary>Formats <paramref name="value"/> to the minute, such as <c>2026-12-05 12:02 UTC</c>; empty for <see langword="null"/>.</summary>
    public static string Format(DateTimeOffset? value) => Format(value, Pattern);

    /// <summary>
    /// Formats <paramref name="value"/> to the second, such as <c>2026-12-05 12:02:07 UTC</c>, for journals and incidents
    /// where the order of close events matters; empty for <see langword="null"/>.
    /// </summary>
    public static string FormatWithSeconds(DateTimeOffset? value) => Format(value, PatternWithSeconds);

    private static string Format(DateTimeOffset? value, string pattern) =>
        value is { } time ? time.ToUniversalTime().ToString(pattern, CultureInfo.InvariantCulture) + ZoneSuffix : string.Empty;
}
