using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ModelEngine.Studio.EndToEndTests.Infrastructure;

/// <summary>
/// The browser contexts of one test, one per signed-in user. Disposing it closes them; when the test did not call
/// <see cref="Pass"/>, it first saves each context's trace and a screenshot of each page into
/// <c>playwright-failures/{test}</c> under the test output folder, and writes their paths to the test output.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly IBrowser _browser;
    private readonly ITestOutputHelper _output;
    private readonly string _testName;
    private readonly bool _trace;
    private readonly List<IBrowserContext> _contexts = [];
    private bool _passed;

    internal BrowserSession(IBrowser browser, Uri studioAddress, ITestOutputHelper output, string testName, bool trace)
    {
        _browser = browser;
        StudioAddress = studioAddress;
        _output = output;
        _testName = testName;
        _trace = trace;
    }

    /// <summary>The studio's address; page paths such as <c>inbox</c> are relative to it.</summary>
    public Uri StudioAddress { get; }

    /// <summary>Opens a page in a new context, with a 1280x800 viewport, the studio as base URL and the default timeouts.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = StudioAddress.AbsoluteUri,
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
            Locale = "en-US",
        }).WaitAsync(BrowserTimeouts.Default);
        _contexts.Add(context);
        context.SetDefaultTimeout((float)BrowserTimeouts.Default.TotalMilliseconds);
        context.SetDefaultNavigationTimeout((float)BrowserTimeouts.Default.TotalMilliseconds);
        if (_trace)
        {
            await context.Tracing.StartAsync(new TracingStartOptions { Screenshots = true, Snapshots = true, Title = _testName }).WaitAsync(BrowserTimeouts.Default);
        }

        var page = await context.NewPageAsync().WaitAsync(BrowserTimeouts.Default);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _output.WriteLine($"[browser console] {message.Text}");
            }
        };
        return page;
    }

    /// <summary>Marks the test as passed, so that no failure trace is saved.</summary>
    public void Pass() => _passed = true;

    public async ValueTask DisposeAsync()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "playwright-failures", _testName);
        for (var index = 0; index < _contexts.Count; index++)
        {
            var context = _contexts[index];
            if (!_passed)
            {
                await SaveFailureArtifactsAsync(context, folder, index);
            }

            await context.CloseAsync().WaitAsync(BrowserTimeouts.Default);
        }
    }

    private async Task SaveFailureArtifactsAsync(IBrowserContext context, string folder, int index)
    {
        Directory.CreateDirectory(folder);
        try
        {
            for (var pageIndex = 0; pageIndex < context.Pages.Count; pageIndex++)
            {
                var screenshot = Path.Combine(folder, $"context{index}-page{pageIndex}.png");
                await context.Pages[pageIndex].ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true }).WaitAsync(BrowserTimeouts.Default);
                _output.WriteLine($"Failure screenshot: {screenshot}");
            }

            if (_trace)
            {
                var trace = Path.Combine(folder, $"context{index}-trace.zip");
                await context.Tracing.StopAsync(new TracingStopOptions { Path = trace }).WaitAsync(BrowserTimeouts.Default);
                _output.WriteLine($"Failure trace (open with `npx playwright show-trace`): {trace}");
            }
        }
        catch (Exception exception) when (exception is PlaywrightException or TimeoutException)
        {
            // The test's own failure matters more than a missing artifact, so this one is only reported.
            _output.WriteLine($"Saving the failure artifacts of context {index} failed: {exception.Message}");
        }
    }
}
