using Microsoft.Extensions.Options;

namespace ModelEngine.HumanTasks.Calendars;

/// <summary>Reports every invalid calendar setting at once, naming its configuration key, before the host starts.</summary>
internal sealed class HumanTaskCalendarOptionsValidator : IValidateOptions<HumanTaskCalendarOptions>
{
    public ValidateOptionsResult Validate(string? name, HumanTaskCalendarOptions options)
    {
        var errors = new List<string>();
        foreach (var (calendarName, settings) in options.Calendars)
        {
            BusinessCalendar.Create(calendarName, settings, errors);
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
