namespace ModelEngine.HumanTasks.Calendars;

/// <summary>The business calendars that UserTask durations can count in, bound from <c>HumanTasks:Calendars</c>.</summary>
public sealed class HumanTaskCalendarOptions
{
    public const string SectionName = "HumanTasks";

    /// <summary>The calendars by name, as the UserTask input <c>businessCalendar</c> names them. Names ignore case.</summary>
    public Dictionary<string, BusinessCalendarSettings> Calendars { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
