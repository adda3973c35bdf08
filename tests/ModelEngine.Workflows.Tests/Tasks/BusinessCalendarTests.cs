using ModelEngine.HumanTasks.Calendars;

namespace ModelEngine.Workflows.Tests.Tasks;

public sealed class BusinessCalendarTests
{
    private static BusinessCalendarSettings Office(string timeZone = "Europe/Berlin", params string[] holidays) => new()
    {
        TimeZone = timeZone,
        WorkingHours =
        [
            new WorkingHoursSettings { Days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"], Start = "09:00", End = "17:00" },
        ],
        Holidays = holidays.ToList(),
    };

    private static BusinessCalendar Create(BusinessCalendarSettings settings)
    {
        var errors = new List<string>();
        var calendar = BusinessCalendar.Create("office", settings, errors);
        Assert.True(calendar is not null, string.Join(Environment.NewLine, errors));
        return calendar!;
    }

    /// <summary>A local time in Berlin, as a UTC instant.</summary>
    private static DateTimeOffset Berlin(int month, int day, int hour, int minute = 0)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var local = new DateTime(2026, month, day, hour, minute, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    [Fact]
    public void Add_WithinWorkingDay_AddsElapsedTime()
    {
        var calendar = Create(Office());

        Assert.Equal(Berlin(12, 1, 12), calendar.Add(Berlin(12, 1, 10), TimeSpan.FromHours(2)));
    }

    [Fact]
    public void Add_PastEndOfDay_ContinuesNextMorning()
    {
        var calendar = Create(Office());

        // Tuesday 16:00 plus 2 hours: one hour on Tuesday, one on Wednesday morning.
        Assert.Equal(Berlin(12, 2, 10), calendar.Add(Berlin(12, 1, 16), TimeSpan.FromHours(2)));
    }

    [Fact]
    public void Add_OverWeekend_SkipsSaturdayAndSunday()
    {
        var calendar = Create(Office());

        // Friday 16:00 plus 2 hours ends on Monday at 10:00.
        Assert.Equal(Berlin(12, 7, 10), calendar.Add(Berlin(12, 4, 16), TimeSpan.FromHours(2)));
    }

    [Fact]
    public void Add_OverHoliday_SkipsHoliday()
    {
        var withHoliday = Create(Office(holidays: "2026-12-25"));
        var without = Create(Office());

        // Thursday 24 December 16:00 plus 2 hours: Friday the 25th is a holiday, so the time ends on Monday the 28th.
        Assert.Equal(Berlin(12, 28, 10), withHoliday.Add(Berlin(12, 24, 16), TimeSpan.FromHours(2)));
        Assert.Equal(Berlin(12, 25, 10), without.Add(Berlin(12, 24, 16), TimeSpan.FromHours(2)));
        Assert.True(withHoliday.IsHoliday(new DateOnly(2026, 12, 25)));
    }

    [Fact]
    public void Add_StartOutsideHours_CountsFromNextOpening()
    {
        var calendar = Create(Office());

        Assert.Equal(Berlin(12, 1, 9, 30), calendar.Add(Berlin(12, 1, 6), TimeSpan.FromMinutes(30)));
        Assert.Equal(Berlin(12, 2, 9, 30), calendar.Add(Berlin(12, 1, 20), TimeSpan.FromMinutes(30)));
        Assert.Equal(Berlin(12, 7, 9, 30), calendar.Add(Berlin(12, 5, 12), TimeSpan.FromMinutes(30)));
    }

    [Fact]
    public void Add_ToClosing_EndsAtClosing()
    {
        var calendar = Create(Office());

        Assert.Equal(Berlin(12, 1, 17), calendar.Add(Berlin(12, 1, 9), TimeSpan.FromHours(8)));
    }

    [Fact]
    public void Add_SeveralDays_CountsWorkingHoursOnly()
    {
        var calendar = Create(Office());

        // Three working days of eight hours from Monday 09:00 end on Wednesday at 17:00.
        Assert.Equal(Berlin(11, 25, 17), calendar.Add(Berlin(11, 23, 9), TimeSpan.FromHours(24)));
    }

    [Fact]
    public void Add_SplitDay_SkipsLunchBreak()
    {
        var settings = Office();
        settings.WorkingHours =
        [
            new WorkingHoursSettings { Days = ["Monday"], Start = "09:00", End = "12:00" },
            new WorkingHoursSettings { Days = ["Monday"], Start = "13:00", End = "17:00" },
        ];
        var calendar = Create(settings);

        Assert.Equal(Berlin(11, 30, 14), calendar.Add(Berlin(11, 30, 11), TimeSpan.FromHours(2)));
    }

    [Fact]
    public void Add_AcrossDstEnd_CountsElapsedTime()
    {
        var calendar = Create(Office());

        // Central European summer time ends on Sunday 25 October 2026. Friday 16:00 + 2 hours is Monday 10:00, whose
        // UTC offset differs from Friday's.
        var end = calendar.Add(Berlin(10, 23, 16), TimeSpan.FromHours(2));

        Assert.Equal(Berlin(10, 26, 10), end);
        Assert.Equal(new DateTimeOffset(2026, 10, 26, 9, 0, 0, TimeSpan.Zero), end);
    }

    [Fact]
    public void Add_ZeroDuration_ReturnsStart()
    {
        var calendar = Create(Office());

        Assert.Equal(Berlin(12, 5, 12), calendar.Add(Berlin(12, 5, 12), TimeSpan.Zero));
    }

    [Fact]
    public void Add_NegativeDuration_Throws()
    {
        var calendar = Create(Office());

        Assert.Throws<ArgumentOutOfRangeException>(() => calendar.Add(Berlin(12, 5, 12), TimeSpan.FromHours(-1)));
    }

    [Fact]
    public void Add_EveryDayHoliday_ThrowsWithName()
    {
        var settings = Office();
        settings.WorkingHours = [new WorkingHoursSettings { Days = ["Monday"], Start = "09:00", End = "17:00" }];
        var holidays = Enumerable.Range(0, 366 * 11).Select(day => new DateOnly(2026, 1, 1).AddDays(day)).Where(date => date.DayOfWeek == DayOfWeek.Monday);
        settings.Holidays = holidays.Select(date => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var calendar = Create(settings);

        var error = Assert.Throws<InvalidOperationException>(() => calendar.Add(Berlin(12, 1, 9), TimeSpan.FromHours(1)));
        Assert.Contains("'office'", error.Message);
    }

    [Fact]
    public void Create_InvalidSettings_ListsEveryKey()
    {
        var settings = new BusinessCalendarSettings
        {
            TimeZone = "Mars/Olympus",
            WorkingHours = [new WorkingHoursSettings { Days = ["Funday"], Start = "18:00", End = "09:00" }, new WorkingHoursSettings { Days = [], Start = "9am", End = "17:00" }],
            Holidays = ["2026-13-40"],
        };
        var errors = new List<string>();

        var calendar = BusinessCalendar.Create("office", settings, errors);

        Assert.Null(calendar);
        Assert.Contains(errors, error => error.StartsWith("HumanTasks:Calendars:office:TimeZone is 'Mars/Olympus'", StringComparison.Ordinal));
        Assert.Contains(errors, error => error.StartsWith("HumanTasks:Calendars:office:WorkingHours:0 starts at 18:00", StringComparison.Ordinal));
        Assert.Contains(errors, error => error.Contains("'Funday'", StringComparison.Ordinal));
        Assert.Contains(errors, error => error.StartsWith("HumanTasks:Calendars:office:WorkingHours:1:Days is empty", StringComparison.Ordinal));
        Assert.Contains(errors, error => error.StartsWith("HumanTasks:Calendars:office:WorkingHours:1:Start is '9am'", StringComparison.Ordinal));
        Assert.Contains(errors, error => error.StartsWith("HumanTasks:Calendars:office:Holidays:0 is '2026-13-40'", StringComparison.Ordinal));
    }

    [Fact]
    public void Create_EndOfDay_Accepts2400()
    {
        var settings = Office();
        settings.WorkingHours = [new WorkingHoursSettings { Days = ["Monday"], Start = "20:00", End = "24:00" }];
        var calendar = Create(settings);

        // Two hours fit before midnight, and the third falls on the next Monday evening.
        Assert.Equal(Berlin(12, 1, 0), calendar.Add(Berlin(11, 30, 22), TimeSpan.FromHours(2)));
        Assert.Equal(Berlin(12, 7, 21), calendar.Add(Berlin(11, 30, 22), TimeSpan.FromHours(3)));
    }

    [Fact]
    public void Provider_FindsByNameIgnoringCase()
    {
        var options = new HumanTaskCalendarOptions();
        options.Calendars["Office"] = Office();
        var provider = new BusinessCalendarProvider(Microsoft.Extensions.Options.Options.Create(options));

        Assert.NotNull(provider.Find("office"));
        Assert.Null(provider.Find("warehouse"));
        Assert.Equal(["Office"], provider.Names);
    }
}
