using System.Net;
using System.Text.RegularExpressions;

namespace ModelEngine.Studio.IntegrationTests.Infrastructure;

/// <summary>
/// An HTTP client that keeps cookies like a browser but does not follow redirects, so that a test can check each hop.
/// </summary>
public sealed partial class Browser : IDisposable
{
    private static readonly TimeSpan s_requestTimeout = TimeSpan.FromSeconds(60);

    private readonly HttpClient _client;

    public Browser()
    {
        Cookies = new CookieContainer();
        _client = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, UseCookies = true, AllowAutoRedirect = false });
    }

    public CookieContainer Cookies { get; }

    public async Task<HttpResponseMessage> GetAsync(Uri uri) => await _client.GetAsync(uri).WaitAsync(s_requestTimeout);

    public async Task<HttpResponseMessage> PostFormAsync(Uri uri, IEnumerable<KeyValuePair<string, string>> fields)
    {
        using var content = new FormUrlEncodedContent(fields);
        return await _client.PostAsync(uri, content).WaitAsync(s_requestTimeout);
    }

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => await _client.SendAsync(request).WaitAsync(s_requestTimeout);

    /// <summary>
    /// Sends a GET to <paramref name="target"/> with the cookies stored for <paramref name="cookieScope"/>, which a
    /// browser would not send there, and fails unless the studio cookie is among them.
    /// </summary>
    public async Task<HttpResponseMessage> GetWithCookiesOfAsync(Uri cookieScope, Uri target)
    {
        var cookies = Cookies.GetCookieHeader(cookieScope);
        Assert.Contains("modelengine.studio", cookies, StringComparison.Ordinal);
        using var request = new HttpRequestMessage(HttpMethod.Get, target);
        request.Headers.Add("Cookie", cookies);
        return await SendAsync(request);
    }

    /// <summary>Returns the absolute target of a redirect, and fails unless the response is one.</summary>
    public static Uri RedirectTarget(HttpResponseMessage response)
    {
        Assert.True(
            response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther or HttpStatusCode.RedirectKeepVerb,
            $"Expected a redirect from {response.RequestMessage?.RequestUri}, but got {(int)response.StatusCode}.");
        var location = response.Headers.Location!;
        return location.IsAbsoluteUri ? location : new Uri(response.RequestMessage!.RequestUri!, location);
    }

    /// <summary>
    /// Reads the first form of an HTML page: its action, resolved against the page URL, and its hidden inputs, HTML-decoded.
    /// </summary>
    public static (Uri Action, Dictionary<string, string> Fields) ReadForm(string html, Uri page)
    {
        Assert.Contains("<form", html, StringComparison.OrdinalIgnoreCase);
        var action = FormAction().Match(html);
        var fields = HiddenInput().Matches(html)
            .ToDictionary(match => WebUtility.HtmlDecode(match.Groups["name"].Value), match => WebUtility.HtmlDecode(match.Groups["value"].Value));

        // A form without an action posts back to its page, as Blazor's server-rendered forms do.
        var target = action.Success ? new Uri(page, WebUtility.HtmlDecode(action.Groups["action"].Value)) : page;
        return (target, fields);
    }

    public void Dispose() => _client.Dispose();

    [GeneratedRegex("<form[^>]*action=\"(?<action>[^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex FormAction();

    [GeneratedRegex("<input[^>]*type=\"hidden\"[^>]*name=\"(?<name>[^\"]*)\"[^>]*value=\"(?<value>[^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex HiddenInput();
}
