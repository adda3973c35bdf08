using Microsoft.Playwright;

namespace ModelEngine.Studio.EndToEndTests.Infrastructure;

/// <summary>Finds and launches Debian's headless Chromium through Playwright, with no browser download.</summary>
public static class ChromiumBrowser
{
    public const string VariableName = "MODELENGINE_TEST_CHROMIUM";

    /// <summary>The Chromium executable from MODELENGINE_TEST_CHROMIUM, or null when the variable is unset or the file is missing.</summary>
    public static string? ExecutablePath
    {
        get
        {
            var path = Environment.GetEnvironmentVariable(VariableName);
            return !string.IsNullOrWhiteSpace(path) && File.Exists(path) ? path : null;
        }
    }

    public static bool IsCi =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string MissingReason =>
        $"{VariableName} is unset or names no file ('{Environment.GetEnvironmentVariable(VariableName)}'). "
        + "Run `source .ci/chromium.sh` to install Debian's chromium and set it, or set it to /usr/bin/chromium.";

    /// <summary>
    /// Launches headless Chromium. The host resolver rule maps every host name except 127.0.0.1 to nothing, so the
    /// browser sends no request off the machine, not even its own background lookups.
    /// </summary>
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        var executable = ExecutablePath ?? throw new InvalidOperationException(MissingReason);
        return playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Timeout = (float)BrowserTimeouts.Launch.TotalMilliseconds,
            Args =
            [
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
            ],
        });
    }
}
