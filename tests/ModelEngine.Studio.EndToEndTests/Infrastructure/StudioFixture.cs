using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ModelEngine.Studio.EndToEndTests.Infrastructure;

/// <summary>
/// One server and one headless Chromium for a test class. Each test opens its own browser contexts through
/// <see cref="Open"/>, so cookies and language choices never leak between tests.
/// </summary>
public sealed class StudioFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public StudioServer Server { get; } = new();

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser starts in InitializeAsync.");

    public async Task InitializeAsync()
    {
        // A ChromiumFact that is skipped still creates its class fixture; without a browser there is nothing to start.
        if (ChromiumBrowser.ExecutablePath is null)
        {
            return;
        }

        _ = Server.RootAddress;
        _playwright = await Playwright.CreateAsync().WaitAsync(BrowserTimeouts.Launch);
        _browser = await ChromiumBrowser.LaunchAsync(_playwright).WaitAsync(BrowserTimeouts.Launch);
    }

    /// <summary>
    /// Opens a browser session for one test: a new context with a 1280x800 viewport and a trace. The trace and a
    /// screenshot of each page are saved under the test output's <c>playwright-failures</c> folder unless the test
    /// calls <see cref="BrowserSession.Pass"/>.
    /// </summary>
    public BrowserSession Open(ITestOutputHelper output, string testName, bool trace = true)
    {
        if (_browser is null)
        {
            throw new InvalidOperationException(ChromiumBrowser.MissingReason);
        }

        return new BrowserSession(_browser, Server.StudioAddress, output, testName, trace);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync().WaitAsync(BrowserTimeouts.Launch);
        }

        _playwright?.Dispose();
        Server.Dispose();
    }
}
