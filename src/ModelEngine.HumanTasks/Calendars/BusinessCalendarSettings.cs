namespace ModelEngine.HumanTasks.Calendars;

/// <summary>One business calendar in configuration: its time zone, weekly working hours and holidays.</summary>
public sealed class BusinessCalendarSettings
{
    /// <summary>An IANA time zone id, such as <c>Europe/Berlin</c>. Working hours and holidays are local to it. Default UTC.</summary>
    public string TimeZone { get; set; } = "UTC";

    public List<WorkingHoursSettings> WorkingHours { get; set; } = [];

    /// <summary>Local dates without work, written <c>yyyy-MM-dd</c>.</summary>
    public List<string> Holidays { get; set; } = [];
}
