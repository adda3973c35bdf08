using Microsoft.Playwright;

namespace ModelEngine.Studio.EndToEndTests.Infrastructure;

/// <summary>Steps that every studio test shares: sign in, wait for the Blazor circuit, switch the language.</summary>
public static class StudioPages
{
    /// <summary>Returns the locator of the elements with this <c>data-testid</c>.</summary>
    public static ILocator TestId(this IPage page, string testId) => page.Locator($"[data-testid=\"{testId}\"]");

    /// <summary>
    /// Opens a studio page, such as <c>inbox</c> or <c>definitions/abc</c>, and waits until its Blazor circuit is
    /// connected, because a click on the prerendered page before then is lost.
    /// </summary>
    public static async Task GotoAsync(this IPage page, string path)
    {
        await page.GotoAsync(path).WaitAsync(BrowserTimeouts.Default);
        await page.WaitForCircuitAsync();
    }

    /// <summary>
    /// Waits until the page is interactive: MainLayout sets <c>data-interactive</c> on <c>main</c> only when it renders
    /// over a connected circuit, never in the prerendered HTML.
    /// </summary>
    public static Task WaitForCircuitAsync(this IPage page) =>
        page.Locator("main[data-interactive]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached }).WaitAsync(BrowserTimeouts.Default);

    /// <summary>
    /// Signs in through the login form as <paramref name="username"/>, in <paramref name="language"/> when given (the
    /// login page's own language links), and waits for the circuit of the page it lands on.
    /// </summary>
    public static async Task LoginAsync(this IPage page, string username, string? language = null, string password = StudioServer.Password)
    {
        await page.GotoAsync("account/login").WaitAsync(BrowserTimeouts.Default);
        if (language is not null)
        {
            await page.TestId($"login-language-{language}").ClickAsync().WaitAsync(BrowserTimeouts.Default);
            await page.WaitForLanguageAsync(language);
        }

        await page.SubmitLoginAsync(username, password);
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal)).WaitAsync(BrowserTimeouts.Default);
        await page.WaitForCircuitAsync();
    }

    /// <summary>Fills and submits the login form on the current page, without waiting for the result.</summary>
    public static async Task SubmitLoginAsync(this IPage page, string username, string password)
    {
        await page.TestId("login-username").FillAsync(username).WaitAsync(BrowserTimeouts.Default);
        await page.TestId("login-password").FillAsync(password).WaitAsync(BrowserTimeouts.Default);
        await page.TestId("login-submit").ClickAsync().WaitAsync(BrowserTimeouts.Default);
    }

    /// <summary>
    /// Switches the UI language through the app bar's language menu. The switch reloads the page, so this waits for the
    /// new <c>html lang</c> and the new circuit.
    /// </summary>
    public static async Task SwitchLanguageAsync(this IPage page, string language)
    {
        await page.TestId("language-menu").Locator("button").First.ClickAsync().WaitAsync(BrowserTimeouts.Default);
        await page.TestId($"language-{language}").ClickAsync().WaitAsync(BrowserTimeouts.Default);
        await page.WaitForLanguageAsync(language);
        await page.WaitForCircuitAsync();
    }

    /// <summary>Waits until the document's <c>lang</c> attribute is <paramref name="language"/>.</summary>
    public static Task WaitForLanguageAsync(this IPage page, string language) =>
        page.Locator($"html[lang=\"{language}\"]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached }).WaitAsync(BrowserTimeouts.Default);

    /// <summary>Returns the value of a <c>data-*</c> attribute of the first matching element, or fails naming it.</summary>
    public static async Task<string> RequiredAttributeAsync(this ILocator locator, string name)
    {
        var value = await locator.First.GetAttributeAsync(name).WaitAsync(BrowserTimeouts.Default);
        Assert.False(string.IsNullOrEmpty(value), $"The element {locator} has no '{name}' attribute.");
        return value!;
    }
}
