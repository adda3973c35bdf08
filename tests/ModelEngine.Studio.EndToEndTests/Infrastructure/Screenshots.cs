using Microsoft.Playwright;

namespace ModelEngine.Studio.EndToEndTests.Infrastructure;

/// <summary>Saves the documentation's screenshots to <c>docs/images/{screen}.{language}.png</c> when MODELENGINE_SCREENSHOTS is 1.</summary>
public static class Screenshots
{
    public static bool IsEnabled => Environment.GetEnvironmentVariable("MODELENGINE_SCREENSHOTS") == "1";

    /// <summary>
    /// Takes a full-page screenshot of the page as it is (the sessions use a 1280x800 viewport). Does nothing unless
    /// MODELENGINE_SCREENSHOTS is 1, so that ordinary runs leave the repository unchanged.
    /// </summary>
    public static async Task ScreenshotAsync(this IPage page, string screen, string language)
    {
        if (!IsEnabled)
        {
            return;
        }

        var folder = Path.Combine(RepositoryRoot(), "docs", "images");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(folder, $"{screen}.{language}.png"),
            FullPage = true,
            Animations = ScreenshotAnimations.Disabled,
        }).WaitAsync(BrowserTimeouts.Default);
    }

    /// <summary>Finds the repository root, the first folder above the test output that contains ModelEngine.sln.</summary>
    public static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "ModelEngine.sln")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No folder above {AppContext.BaseDirectory} contains ModelEngine.sln, so the screenshots have nowhere to go.");
    }
}
