namespace ModelEngine.HumanTasks.Calendars;

/// <summary>Finds the business calendars that configuration defines.</summary>
public interface IBusinessCalendarProvider
{
    /// <summary>Returns the calendar named <paramref name="name"/>, ignoring case, or <see langword="null"/> when none is configured.</summary>
    BusinessCalendar? Find(string name);

    /// <summary>The names of the configured calendars.</summary>
    IReadOnlyCollection<string> Names { get; }
}
