using Microsoft.Extensions.DependencyInjection;
using ModelEngine.HumanTasks.Calendars;
using ModelEngine.Server.Tests.Infrastructure;

namespace ModelEngine.Server.Tests;

/// <summary>The server binds business calendars from <c>HumanTasks:Calendars</c> and checks them at start-up.</summary>
public sealed class BusinessCalendarConfigurationTests
{
    [Fact]
    public void Calendar_FromConfiguration_SkipsHoliday()
    {
        using var factory = new ServerFactory()
            .WithSetting("HumanTasks:Calendars:office:TimeZone", "Europe/Berlin")
            .WithSetting("HumanTasks:Calendars:office:WorkingHours:0:Days:0", "Thursday")
            .WithSetting("HumanTasks:Calendars:office:WorkingHours:0:Days:1", "Friday")
            .WithSetting("HumanTasks:Calendars:office:WorkingHours:0:Days:2", "Monday")
            .WithSetting("HumanTasks:Calendars:office:WorkingHours:0:Start", "09:00")
            .WithSetting("HumanTasks:Calendars:office:WorkingHours:0:End", "17:00")
            .WithSetting("HumanTasks:Calendars:office:Holidays:0", "2026-12-25");
        using var client = factory.CreateClient();

        var calendar = factory.Services.GetRequiredService<IBusinessCalendarProvider>().Find("Office");

        Assert.NotNull(calendar);
        Assert.Equal("Europe/Berlin", calendar.TimeZone.Id);
        Assert.True(calendar.IsHoliday(new DateOnly(2026, 12, 25)));

        // Thursday 24 December, 16:00 in Berlin (15:00 UTC), plus two working hours ends on Monday at 10:00 in Berlin.
        var end = calendar.Add(new DateTimeOffset(2026, 12, 24, 15, 0, 0, TimeSpan.Zero), TimeSpan.FromHours(2));
        Assert.Equal(new DateTimeOffset(2026, 12, 28, 9, 0, 0, TimeSpan.Zero), end);
    }

    [Fact]
    public void Calendar_Invalid_StopsStartup()
    {
        using var factory = new ServerFactory()
            .WithSetting("HumanTasks:Calendars:office:TimeZone", "Mars/Olympus")
            .WithSetting("HumanTasks:Calendars:office:WorkingHours:0:Days:0", "Monday")
            .WithSetting("HumanTasks:Calendars:office:Holidays:0", "2026-12-32");

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        var message = error.ToString();
        Assert.Contains("HumanTasks:Calendars:office:TimeZone is 'Mars/Olympus'", message, StringComparison.Ordinal);
        Assert.Contains("HumanTasks:Calendars:office:Holidays:0 is '2026-12-32'", message, StringComparison.Ordinal);
    }
}
