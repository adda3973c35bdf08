using System.Globalization;
using ModelEngine.Studio.Localization;

namespace ModelEngine.Studio.Tests;

public sealed class StudioTimeTests
{
    [Theory]
    [InlineData("en")]
    [InlineData("zh-CN")]
    public void Format_AnyCulture_ShowsUtcToTheMinute(string culture)
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            // 20:02 at UTC+8 is 12:02 UTC.
            var at = new DateTimeOffset(2026, 12, 5, 20, 2, 7, TimeSpan.FromHours(8));

            Assert.Equal("2026-12-05 12:02 UTC", StudioTime.Format(at));
            Assert.Equal("2026-12-05 12:02:07 UTC", StudioTime.FormatWithSeconds(at));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Format_Null_IsEmpty()
    {
        Assert.Equal(string.Empty, StudioTime.Format(null));
        Assert.Equal(string.Empty, StudioTime.FormatWithSeconds(null));
    }
}
