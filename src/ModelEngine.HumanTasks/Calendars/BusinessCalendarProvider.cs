using Microsoft.Extensions.Options;

namespace ModelEngine.HumanTasks.Calendars;

/// <summary>Builds the calendars of <see cref="HumanTaskCalendarOptions"/> once, at the first request.</summary>
internal sealed class BusinessCalendarProvider : IBusinessCalendarProvider
{
    private readonly Lazy<Dictionary<string, BusinessCalendar>> _calendars;

    public BusinessCalendarProvider(IOptions<HumanTaskCalendarOptions> options)
    {
        _calendars = new Lazy<Dictionary<string, BusinessCalendar>>(() => Build(options.Value));
    }

    public IReadOnlyCollection<string> Names => _calendars.Value.Keys;

    public BusinessCalendar? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _calendars.Value.GetValueOrDefault(name.Trim());
    }

    private static Dictionary<string, BusinessCalendar> Build(HumanTaskCalendarOptions options)
    {
        var calendars = new Dictionary<string, BusinessCalendar>(StringComparer.OrdinalIgnoreCase);
        var errors = new List<string>();
        foreach (var (name, settings) in options.Calendars)
        {
            if (BusinessCalendar.Create(name, settings, errors) is { } calendar)
            {
                calendars[name] = calendar;
            }
        }

        // The options validator reports these at start-up; a host that skipped it fails here on first use.
        if (errors.Count > 0)
        {
            throw new OptionsValidationException(HumanTaskCalendarOptions.SectionName, typeof(HumanTaskCalendarOptions), errors);
        }

        return calendars;
    }
}
