using System.Net;
using ModelEngine.Studio.IntegrationTests.Infrastructure;

namespace ModelEngine.Studio.IntegrationTests;

/// <summary>The studio's login form against the server's development identity, over HTTP, with the language switch.</summary>
public sealed class DevelopmentLoginTests : IDisposable
{
    private readonly StudioHost _host = new();

    [Fact]
    public async Task Inbox_Anonymous_RedirectsToLogin()
    {
        using var browser = new Browser();

        var response = await browser.GetAsync(new Uri(_host.Address, "studio/inbox"));

        var login = Browser.RedirectTarget(response);
        Assert.Equal("/studio/account/login", login.AbsolutePath);
        Assert.Contains("inbox", Uri.UnescapeDataString(login.Query), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_RightPassword_OpensReturnUrl()
    {
        using var browser = new Browser();

        var landing = await LoginAsync(browser, "alice", "modelengine", "/studio/inbox");

        var target = Browser.RedirectTarget(landing);
        Assert.Equal(_host.Address.Authority, target.Authority);
        Assert.Equal("/studio/inbox", target.AbsolutePath);
        var inbox = await browser.GetAsync(target);
        Assert.Equal(HttpStatusCode.OK, inbox.StatusCode);
        var html = await inbox.Content.ReadAsStringAsync();
        Assert.Contains("alice", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"nav-definitions\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_WrongPassword_ShowsMessage()
    {
        using var browser = new Browser();

        var response = await LoginAsync(browser, "alice", "not-the-password", "/studio/inbox");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"login-error\"", html, StringComparison.Ordinal);
        Assert.Contains("The user name or password is wrong.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("modelengine.studio", browser.Cookies.GetCookieHeader(new Uri(_host.Address, "studio/")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("//example.invalid/steal")]
    [InlineData("http://example.invalid/steal")]
    [InlineData("/\\example.invalid")]
    public async Task Login_ExternalReturnUrl_StaysInStudio(string returnUrl)
    {
        using var browser = new Browser();

        var response = await LoginAsync(browser, "dave", "modelengine", returnUrl);

        var target = Browser.RedirectTarget(response);
        Assert.Equal(_host.Address.Authority, target.Authority);
        Assert.StartsWith("/studio", target.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_Designer_SeesDefinitions()
    {
        using var browser = new Browser();

        var response = await LoginAsync(browser, "dave", "modelengine", "/studio/inbox");
        var inbox = await browser.GetAsync(Browser.RedirectTarget(response));

        Assert.Contains("data-testid=\"nav-definitions\"", await inbox.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logout_EndsSession()
    {
        using var browser = new Browser();
        await LoginAsync(browser, "alice", "modelengine", "/studio/inbox");

        var logout = await browser.PostFormAsync(new Uri(_host.Address, "studio/account/logout"), []);
        var afterLogout = await browser.GetAsync(new Uri(_host.Address, "studio/inbox"));

        Assert.Equal("/studio/account/login", Browser.RedirectTarget(logout).AbsolutePath);
        Assert.Equal("/studio/account/login", Browser.RedirectTarget(afterLogout).AbsolutePath);
    }

    [Fact]
    public async Task Culture_Switch_RendersChinese()
    {
        using var browser = new Browser();

        var switched = await browser.GetAsync(new Uri(_host.Address, "studio/culture/set?culture=zh-CN&returnUrl=%2Fstudio%2Faccount%2Flogin"));
        var target = Browser.RedirectTarget(switched);
        var login = await browser.GetAsync(target);

        Assert.Equal("/studio/account/login", target.AbsolutePath);
        Assert.Contains(".AspNetCore.Culture", browser.Cookies.GetCookieHeader(new Uri(_host.Address, "studio/")), StringComparison.Ordinal);
        // Blazor writes characters outside Basic Latin as HTML character references.
        var html = WebUtility.HtmlDecode(await login.Content.ReadAsStringAsync());
        Assert.Contains("<html lang=\"zh-CN\"", html, StringComparison.Ordinal);
        Assert.Contains("登录 ModelEngine Studio", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Culture_Unknown_Returns400()
    {
        using var browser = new Browser();

        var response = await browser.GetAsync(new Uri(_host.Address, "studio/culture/set?culture=xx-XX&returnUrl=%2Fstudio%2F"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("culture", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_IgnoresStudioCookie()
    {
        using var browser = new Browser();
        await LoginAsync(browser, "admin", "modelengine", "/studio/inbox");

        var response = await browser.GetWithCookiesOfAsync(new Uri(_host.Address, "studio/"), new Uri(_host.Address, "api/tasks"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    public void Dispose() => _host.Dispose();

    private Task<HttpResponseMessage> LoginAsync(Browser browser, string userName, string password, string returnUrl) =>
        StudioLogin.PostAsync(browser, _host.Address, userName, password, returnUrl);
}
