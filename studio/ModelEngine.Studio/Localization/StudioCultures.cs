using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace ModelEngine.Studio.Localization;

/// <summary>The studio's languages: English, the default, and Simplified Chinese.</summary>
public static class StudioCultures
{
    public const string English = "en";
    public const string Chinese = "zh-CN";

    public static IReadOnlyList<string> All { get; } = [English, Chinese];

    /// <summary>Creates request localization that reads the culture cookie first, then the browser's languages.</summary>
    public static RequestLocalizationOptions CreateLocalizationOptions()
    {
        var cultures = All.Select(name => new CultureInfo(name)).ToList();
        var options = new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(English),
            SupportedCultures = cultures,
            SupportedUICultures = cultures,
            FallBackToParentCultures = true,
            FallBackToParentUICultures = true,
        };
        options.RequestCultureProviders =
        [
            new QueryStringRequestCultureProvider(),
            new CookieRequestCultureProvider(),
            new AcceptLanguageHeaderRequestCultureProvider(),
        ];
        return options;
    }
}
