using Microsoft.Playwright;
using ModelEngine.Studio.EndToEndTests.Infrastructure;
using Xunit.Abstractions;

namespace ModelEngine.Studio.EndToEndTests;

/// <summary>The studio shell in Chromium: sign-in, menus by group, the language switch and each screen's accessibility.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ShellTests(StudioFixture fixture, ITestOutputHelper output) : IClassFixture<StudioFixture>
{
    // Every screen the navigation offers, with the test id of its link.
    public static readonly (string Path, string Screen, string NavTestId)[] Screens =
    [
        ("", "dashboard", "nav-dashboard"),
        ("processes", "processes", "nav-processes"),
        ("inbox", "inbox", "nav-inbox"),
        ("instances", "instances", "nav-instances"),
        ("definitions", "definitions", "nav-definitions"),
    ];

    [ChromiumFact]
    public async Task LoginPage_RendersAccessibly()
    {
        await using var session = fixture.Open(output, nameof(LoginPage_RendersAccessibly));
        var page = await session.NewPageAsync();

        await page.GotoAsync("account/login").WaitAsync(BrowserTimeouts.Default);

        await Assertions.Expect(page.TestId("login-username")).ToBeVisibleAsync();
        await Assertions.Expect(page.TestId("login-password")).ToBeVisibleAsync();
        await Assertions.Expect(page.TestId("login-submit")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync("login", output);
        session.Pass();
    }

    [ChromiumFact]
    public async Task Login_WrongPassword_ShowsError()
    {
        await using var session = fixture.Open(output, nameof(Login_WrongPassword_ShowsError));
        var page = await session.NewPageAsync();
        await page.GotoAsync("account/login").WaitAsync(BrowserTimeouts.Default);

        await page.SubmitLoginAsync("bob", "not-the-password");

        await Assertions.Expect(page.TestId("login-error")).ToBeVisibleAsync();
        await Assertions.Expect(page.TestId("login-error")).ToHaveAttributeAsync("role", "alert");
        Assert.Contains("/account/login", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.TestId("current-user")).ToHaveCountAsync(0);
        session.Pass();
    }

    [ChromiumFact]
    public async Task Login_Manager_SeesNoDefinitions()
    {
        await using var session = fixture.Open(output, nameof(Login_Manager_SeesNoDefinitions));
        var page = await session.NewPageAsync();

        await page.LoginAsync("bob");

        Assert.EndsWith("/studio/", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.TestId("current-user")).ToHaveTextAsync("bob");
        await Assertions.Expect(page.TestId("nav-inbox")).ToBeVisibleAsync();
        await Assertions.Expect(page.TestId("nav-definitions")).ToHaveCountAsync(0);
        session.Pass();
    }

    [ChromiumFact]
    public async Task Login_Designer_SeesDefinitions()
    {
        await using var session = fixture.Open(output, nameof(Login_Designer_SeesDefinitions));
        var page = await session.NewPageAsync();

        await page.LoginAsync("dave");

        await Assertions.Expect(page.TestId("current-user")).ToHaveTextAsync("dave");
        await Assertions.Expect(page.TestId("nav-definitions")).ToBeVisibleAsync();
        session.Pass();
    }

    [ChromiumFact]
    public async Task LanguageSwitch_TranslatesNavigationBothWays()
    {
        await using var session = fixture.Open(output, nameof(LanguageSwitch_TranslatesNavigationBothWays));
        var page = await session.NewPageAsync();
        await page.LoginAsync("bob");
        await Assertions.Expect(page.TestId("nav-inbox")).ToContainTextAsync("Inbox");

        await page.SwitchLanguageAsync(StudioLanguage.Chinese);

        await Assertions.Expect(page.TestId("nav-inbox")).ToContainTextAsync("待办");
        await Assertions.Expect(page.TestId("nav-instances")).ToContainTextAsync("流程实例");
        await Assertions.Expect(page.TestId("current-user")).ToHaveTextAsync("bob");

        await page.SwitchLanguageAsync(StudioLanguage.English);

        await Assertions.Expect(page.TestId("nav-inbox")).ToContainTextAsync("Inbox");
        await Assertions.Expect(page.TestId("nav-inbox")).Not.ToContainTextAsync("待办");
        session.Pass();
    }

    [ChromiumFact]
    public async Task LoginLanguageLinks_TranslateLoginPage()
    {
        await using var session = fixture.Open(output, nameof(LoginLanguageLinks_TranslateLoginPage));
        var page = await session.NewPageAsync();
        await page.GotoAsync("account/login").WaitAsync(BrowserTimeouts.Default);

        await page.TestId("login-language-zh-CN").ClickAsync();
        await page.WaitForLanguageAsync(StudioLanguage.Chinese);

        await Assertions.Expect(page.TestId("login-submit")).ToHaveTextAsync("登录");
        await page.AssertAccessibleAsync("login (zh-CN)", output);
        await page.TestId("login-language-en").ClickAsync();
        await page.WaitForLanguageAsync(StudioLanguage.English);
        await Assertions.Expect(page.TestId("login-submit")).ToHaveTextAsync("Sign in");
        session.Pass();
    }

    [ChromiumFact]
    public async Task EveryScreen_IsAccessibleInBothLanguages()
    {
        await using var session = fixture.Open(output, nameof(EveryScreen_IsAccessibleInBothLanguages));
        var page = await session.NewPageAsync();
        await page.LoginAsync("dave");

        foreach (var language in new[] { StudioLanguage.English, StudioLanguage.Chinese })
        {
            if (language != StudioLanguage.English)
            {
                await page.SwitchLanguageAsync(language);
            }

            foreach (var (path, screen, navTestId) in Screens)
            {
                await page.GotoAsync(path);
                await Assertions.Expect(page.Locator("main h1").First).ToBeVisibleAsync();
                await Assertions.Expect(page.TestId(navTestId)).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("active"));
                await page.AssertAccessibleAsync($"{screen} ({language})", output);
            }
        }

        session.Pass();
    }

    [ChromiumFact]
    public async Task LoginAndDashboard_Screenshots()
    {
        await using var session = fixture.Open(output, nameof(LoginAndDashboard_Screenshots));
        foreach (var language in new[] { StudioLanguage.English, StudioLanguage.Chinese })
        {
            var page = await session.NewPageAsync();
            await page.GotoAsync("account/login").WaitAsync(BrowserTimeouts.Default);
            if (language != StudioLanguage.English)
            {
                await page.TestId($"login-language-{language}").ClickAsync();
                await page.WaitForLanguageAsync(language);
            }

            await Assertions.Expect(page.TestId("login-form")).ToBeVisibleAsync();
            await page.ScreenshotAsync("login", language);

            await page.LoginAsync("bob", language);
            await Assertions.Expect(page.TestId("current-user")).ToHaveTextAsync("bob");
            await page.WaitForLanguageAsync(language);
            await page.ScreenshotAsync("dashboard", language);
        }

        session.Pass();
    }
}
