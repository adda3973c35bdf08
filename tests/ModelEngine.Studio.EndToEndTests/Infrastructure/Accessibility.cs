using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace ModelEngine.Studio.EndToEndTests.Infrastructure;

/// <summary>Checks a page with axe-core 4.14.1, which the build copies from npm to <c>axe/axe.min.js</c> in the test output.</summary>
public static class Accessibility
{
    private static readonly string AxePath = Path.Combine(AppContext.BaseDirectory, "axe", "axe.min.js");

    // Runs axe with the given options. The result keeps only what the failure message needs.
    private const string RunAxe = """
        async (options) => {
            const results = await axe.run(document, options);
            return results.violations.map(violation => ({
                id: violation.id,
                impact: violation.impact ?? '',
                help: violation.help,
                helpUrl: violation.helpUrl,
                targets: violation.nodes.map(node => node.target.join(' ') + ' ' + node.html.slice(0, 160))
            }));
        }
        """;

    // The WCAG 2.0 and 2.1 level A and AA rules.
    private static readonly object WcagRules = new { runOnly = new[] { "wcag2a", "wcag2aa", "wcag21a", "wcag21aa" } };

    // axe's landmark rules are best practices, not WCAG rules, and most of them are "moderate". They catch a page with
    // two main landmarks, or a main inside another landmark, which confuses screen reader navigation. The designer's side
    // panels are asides within main, so 'landmark-complementary-is-top-level' stays out.
    private static readonly object LandmarkRules = new
    {
        runOnly = new
        {
            type = "rule",
            values = new[]
            {
                "landmark-one-main", "landmark-no-duplicate-main", "landmark-main-is-top-level", "landmark-no-duplicate-banner",
                "landmark-no-duplicate-contentinfo", "landmark-banner-is-top-level", "landmark-contentinfo-is-top-level",
            },
        },
    };

    /// <summary>
    /// Runs axe on the whole document and fails on a serious or critical violation, or on any violation of the landmark
    /// rules (one top-level main, banner and content info). The failure lists each violation with its rule id, impact,
    /// the selectors of the elements and the rule's help. Other minor and moderate findings are written to
    /// <paramref name="output"/> only.
    /// </summary>
    public static async Task AssertAccessibleAsync(this IPage page, string screenName, Xunit.Abstractions.ITestOutputHelper? output = null)
    {
        if (!File.Exists(AxePath))
        {
            throw new FileNotFoundException($"axe-core is missing at {AxePath}. The test project's build copies it from node_modules after `npm ci`, so rebuild it with npm on PATH.", AxePath);
        }

        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'").WaitAsync(BrowserTimeouts.Default))
        {
            await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = AxePath }).WaitAsync(BrowserTimeouts.Default);
        }

        // A field's label moves and changes colour in a short CSS transition after the field is filled, and axe measures
        // the contrast of a half-faded label as a violation, so the check waits for finite animations to end first.
        await page.WaitForFunctionAsync(
            "() => document.getAnimations().every(a => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity)",
            null,
            new PageWaitForFunctionOptions { Timeout = (float)BrowserTimeouts.Default.TotalMilliseconds }).WaitAsync(BrowserTimeouts.Default);

        var violations = await RunAsync(page, WcagRules);
        var blocking = violations.Where(violation => violation.Impact is "serious" or "critical").ToList();
        blocking.AddRange(await RunAsync(page, LandmarkRules));
        foreach (var violation in violations.Except(blocking))
        {
            output?.WriteLine($"axe on {screenName}: {Describe(violation)}");
        }

        Assert.True(blocking.Count == 0, FormatFailure(screenName, page.Url, blocking));
    }

    private static async Task<List<AxeViolation>> RunAsync(IPage page, object options)
    {
        var result = await page.EvaluateAsync<JsonElement>(RunAxe, options).WaitAsync(BrowserTimeouts.Measurement);
        return result.Deserialize<List<AxeViolation>>(new JsonSerializerOptions(JsonSerializerDefaults.Web)) ?? [];
    }

    private static string FormatFailure(string screenName, string url, List<AxeViolation> violations)
    {
        var message = new StringBuilder($"axe found {violations.Count} serious or critical WCAG 2.1 A/AA or landmark violations on the {screenName} screen ({url}):");
        foreach (var violation in violations)
        {
            message.AppendLine().Append("- ").Append(Describe(violation));
        }

        return message.ToString();
    }

    private static string Describe(AxeViolation violation) =>
        $"{violation.Id} ({violation.Impact}): {violation.Help}. Elements: {string.Join(" | ", violation.Targets.Take(10))}"
        + (violation.Targets.Count > 10 ? $" and {violation.Targets.Count - 10} more" : string.Empty)
        + $". See {violation.HelpUrl}";

    private sealed record AxeViolation(string Id, string Impact, string Help, string HelpUrl, List<string> Targets);
}
