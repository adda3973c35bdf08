using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using ModelEngine.Studio.IntegrationTests.Infrastructure;

namespace ModelEngine.Studio.IntegrationTests;

/// <summary>
/// Signs in to the studio through a loopback OpenID Connect provider, one redirect at a time, and checks that the server
/// accepts the provider's access tokens while /api stays bearer-only.
/// </summary>
public sealed class OidcSignInTests : IAsyncLifetime
{
    private TestOidcProvider _provider = null!;
    private StudioHost _host = null!;

    public async Task InitializeAsync()
    {
        _provider = await TestOidcProvider.StartAsync(IsStudioCallback);
        _host = new StudioHost().WithOidc(_provider);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _provider.DisposeAsync();
    }

    [Fact]
    public async Task Provider_ServesDiscoveryDocument()
    {
        using var browser = new Browser();

        var response = await browser.GetAsync(new Uri(_provider.Issuer, ".well-known/openid-configuration"));

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"Discovery failed with {(int)response.StatusCode}: {body}");
        Assert.Equal(_provider.Issuer.AbsoluteUri, JsonNode.Parse(body)!["issuer"]!.GetValue<string>());
    }

    [Fact]
    public async Task SignIn_FollowsCodeFlowToInbox()
    {
        _provider.User = new TestUser("olivia", ["requesters"]);
        using var browser = new Browser();

        var inbox = await SignInAsync(browser, "/studio/inbox");

        Assert.Equal(HttpStatusCode.OK, inbox.StatusCode);
        var html = await inbox.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"current-user\"", html, StringComparison.Ordinal);
        Assert.Contains("olivia", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"nav-definitions\"", html, StringComparison.Ordinal);
        Assert.Equal(1, _provider.AuthorizationCount);
    }

    [Fact]
    public async Task SignIn_DesignerSeesDefinitions()
    {
        _provider.User = new TestUser("diana", ["designers"]);
        using var browser = new Browser();

        var inbox = await SignInAsync(browser, "/studio/inbox");

        var html = await inbox.Content.ReadAsStringAsync();
        Assert.Contains("diana", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"nav-definitions\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_ExternalReturnUrl_StaysInStudio()
    {
        using var browser = new Browser();

        var inbox = await SignInAsync(browser, "//example.invalid/steal", expectedLanding: "/studio/");

        Assert.Equal(HttpStatusCode.OK, inbox.StatusCode);
    }

    [Fact]
    public async Task Api_IgnoresStudioCookie()
    {
        using var browser = new Browser();
        await SignInAsync(browser, "/studio/inbox");

        var response = await browser.GetWithCookiesOfAsync(new Uri(_host.Address, "studio/"), new Uri(_host.Address, "api/tasks"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Api_AcceptsProviderAccessToken()
    {
        _provider.User = new TestUser("diana", ["designers"]);
        using var browser = new Browser();
        var accessToken = await RequestAccessTokenAsync(browser);

        using var api = new HttpClient { BaseAddress = _host.Address };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        var dashboard = await api.GetAsync("api/dashboard?days=7").WaitAsync(TimeSpan.FromSeconds(30));
        var definitions = await api.GetAsync("api/workflow-definitions").WaitAsync(TimeSpan.FromSeconds(30));
        var users = await api.GetAsync("api/directory/users").WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        var throughput = JsonNode.Parse(await dashboard.Content.ReadAsStringAsync())!["throughput"]!.AsArray();
        Assert.Equal(7, throughput.Count);
        Assert.Equal(HttpStatusCode.OK, definitions.StatusCode);

        // With an external provider the configured development users are not listed.
        var directory = JsonNode.Parse(await users.Content.ReadAsStringAsync())!;
        Assert.Equal(0, directory["totalCount"]!.GetValue<long>());
    }

    [Fact]
    public async Task Api_WithoutToken_Returns401()
    {
        using var api = new HttpClient { BaseAddress = _host.Address };

        var response = await api.GetAsync("api/tasks").WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static bool IsStudioCallback(string? redirectUri) =>
        redirectUri is not null
        && redirectUri.StartsWith("http://127.0.0.1:", StringComparison.Ordinal)
        && redirectUri.EndsWith("/studio/signin-oidc", StringComparison.Ordinal);

    /// <summary>
    /// Walks the sign-in: the studio's challenge, the provider's authorization endpoint, the studio's callback, and the
    /// page the callback redirects to, which it returns.
    /// </summary>
    private async Task<HttpResponseMessage> SignInAsync(Browser browser, string returnUrl, string? expectedLanding = null)
    {
        var studio = _host.Address;
        var challenge = await browser.GetAsync(new Uri(studio, $"studio/account/oidc?returnUrl={Uri.EscapeDataString(returnUrl)}"));
        var authorize = Browser.RedirectTarget(challenge);
        Assert.Equal(_provider.Issuer.Port, authorize.Port);
        Assert.Equal("/connect/authorize", authorize.AbsolutePath);
        var query = QueryHelpers.ParseQuery(authorize.Query);
        Assert.Equal(TestOidcProvider.ClientId, query["client_id"].ToString());
        Assert.Equal("S256", query["code_challenge_method"].ToString());
        Assert.Contains("api", query["scope"].ToString().Split(' '));

        // The ASP.NET Core handler requests response_mode=form_post, so the provider returns a page that posts the code.
        var authorizeResponse = await browser.GetAsync(authorize);
        HttpResponseMessage callback;
        if (authorizeResponse.StatusCode == HttpStatusCode.OK)
        {
            var (action, fields) = Browser.ReadForm(await authorizeResponse.Content.ReadAsStringAsync(), authorize);
            Assert.Equal(new Uri(studio, "studio/signin-oidc"), action);
            Assert.True(fields.ContainsKey("code"), $"The provider posted no code: {string.Join(", ", fields.Keys)}");
            callback = await browser.PostFormAsync(action, fields);
        }
        else
        {
            var target = Browser.RedirectTarget(authorizeResponse);
            Assert.Equal(new Uri(studio, "studio/signin-oidc").AbsolutePath, target.AbsolutePath);
            callback = await browser.GetAsync(target);
        }

        var landing = Browser.RedirectTarget(callback);
        Assert.Equal(studio.Authority, landing.Authority);
        Assert.Equal(expectedLanding ?? returnUrl, landing.AbsolutePath);
        return await browser.GetAsync(landing);
    }

    /// <summary>Runs the authorization code flow with PKCE as a client of its own and returns the access token.</summary>
    private async Task<string> RequestAccessTokenAsync(Browser browser)
    {
        var verifier = Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var redirectUri = new Uri(_host.Address, "studio/signin-oidc").AbsoluteUri;
        var authorize = QueryHelpers.AddQueryString(new Uri(_provider.Issuer, "connect/authorize").AbsoluteUri, new Dictionary<string, string?>
        {
            ["client_id"] = TestOidcProvider.ClientId,
            ["redirect_uri"] = redirectUri,
            ["response_type"] = "code",
            ["scope"] = "openid api",
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = "S256",
            ["state"] = "test-state",
        });

        var redirect = Browser.RedirectTarget(await browser.GetAsync(new Uri(authorize)));
        var code = QueryHelpers.ParseQuery(redirect.Query)["code"].ToString();
        Assert.False(string.IsNullOrEmpty(code), $"The provider redirected without a code: {redirect}");

        var token = await browser.PostFormAsync(new Uri(_provider.Issuer, "connect/token"), new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = TestOidcProvider.ClientId,
            ["code"] = code,
            ["redirect_uri"] = redirectUri,
            ["code_verifier"] = verifier,
        });
        var body = await token.Content.ReadAsStringAsync();
        Assert.True(token.IsSuccessStatusCode, $"The token request failed with {(int)token.StatusCode}: {body}");
        return JsonNode.Parse(body)!["access_token"]!.GetValue<string>();
    }

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
