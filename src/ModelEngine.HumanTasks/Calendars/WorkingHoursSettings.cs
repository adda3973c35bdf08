namespace ModelEngine.HumanTasks.Calendars;

/// <summary>Working hours on some days of the week, such as Monday to Friday from 09:00 to 17:00 local time.</summary>
public sealed class WorkingHoursSettings
{
    /// <summary>Day names, such as <c>Monday</c>.</summary>
    public List<string> Days { get; set; } = [];

    /// <summary>The local start time, <c>HH:mm</c>.</summary>
    public string Start { get; set; } = "09:00";

    /// <summary>The local end time, <c>HH:mm</c>, after <see cref="Start"/>; <c>24:00</c> is the end of the day.</summary>
    public string End { get; set; } = "17:00";
}
