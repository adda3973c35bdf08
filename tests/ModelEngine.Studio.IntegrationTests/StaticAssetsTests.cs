using System.Net;
using System.Text.RegularExpressions;
using ModelEngine.Studio.IntegrationTests.Infrastructure;

namespace ModelEngine.Studio.IntegrationTests;

/// <summary>
/// The studio's static files outside Development: Blazor's script and MudBlazor's files live in packages, not in
/// wwwroot, and a build started as Production once served each of them as a 500.
/// </summary>
public sealed partial class StaticAssetsTests
{
    [Fact]
    public async Task ServerHostedStudio_Production_ServesLinkedScripts()
    {
        using var host = new StudioHost().WithEnvironment("Production");

        await AssertLinkedScriptsServedAsync(host.Address);
    }

    [Fact]
    public async Task StandaloneStudio_Production_ServesLinkedScripts()
    {
        await using var studio = await StandaloneStudio.StartAsync("Production", new Uri("http://127.0.0.1:5126/"));

        await AssertLinkedScriptsServedAsync(studio.Address);
    }

    /// <summary>Reads the login page and gets Blazor's script, MudBlazor's script and style sheet, and the icon that it links.</summary>
    private static async Task AssertLinkedScriptsServedAsync(Uri address)
    {
        using var browser = new Browser();
        var login = await browser.GetAsync(new Uri(address, "studio/account/login"));
        var html = await login.Content.ReadAsStringAsync();
        Assert.True(login.StatusCode == HttpStatusCode.OK, $"The login page returned {(int)login.StatusCode}: {html}");

        var links = AssetLink().Matches(html).Select(m => m.Groups[1].Value).ToList();
        var blazor = Assert.Single(links, l => l.EndsWith("_framework/blazor.web.js", StringComparison.Ordinal));
        var mudScript = Assert.Single(links, l => l.StartsWith("_content/MudBlazor/", StringComparison.Ordinal) && l.EndsWith(".js", StringComparison.Ordinal));
        var mudStyles = Assert.Single(links, l => l.StartsWith("_content/MudBlazor/", StringComparison.Ordinal) && l.EndsWith(".css", StringComparison.Ordinal));
        foreach (var link in new[] { blazor, mudScript, mudStyles })
        {
            var response = await browser.GetAsync(new Uri(address, "studio/" + link));
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"studio/{link} returned {(int)response.StatusCode}.");
            Assert.True(body.Length > 1000, $"studio/{link} returned only {body.Length} characters.");
        }

        var icon = Assert.Single(links, l => l.EndsWith("/favicon.svg", StringComparison.Ordinal));
        var iconResponse = await browser.GetAsync(new Uri(address, "studio/" + icon));
        Assert.True(iconResponse.StatusCode == HttpStatusCode.OK, $"studio/{icon} returned {(int)iconResponse.StatusCode}.");
        Assert.StartsWith("<svg", await iconResponse.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [GeneratedRegex("""(?:src|href)="(_(?:framework|content)/[^"?#]+)""")]
    private static partial Regex AssetLink();
}
