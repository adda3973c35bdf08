namespace ModelEngine.Studio.EndToEndTests.Infrastructure;

/// <summary>
/// A fact that needs Debian's Chromium. It is skipped, with the reason, when MODELENGINE_TEST_CHROMIUM is unset or names
/// no file, unless CI is "true": then it runs and fails, so that a CI run without a browser cannot pass silently.
/// <c>.ci/chromium.sh</c> installs the browser and sets the variable.
/// </summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (ChromiumBrowser.ExecutablePath is null && !ChromiumBrowser.IsCi)
        {
            Skip = ChromiumBrowser.MissingReason;
        }
    }
}
