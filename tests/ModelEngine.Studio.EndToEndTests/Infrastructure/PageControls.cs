using Microsoft.Playwright;

namespace ModelEngine.Studio.EndToEndTests.Infrastructure;

/// <summary>
/// Operates MudBlazor controls by the <c>data-testid</c> of their wrapper. MudBlazor puts unknown attributes on a
/// component's root element, so the test id of a MudTextField or MudSelect names a div around the real control.
/// </summary>
public static class PageControls
{
    /// <summary>Types <paramref name="text"/> into the input or textarea at or inside <paramref name="field"/>, replacing its value.</summary>
    public static async Task FillFieldAsync(this ILocator field, string text)
    {
        var tag = await field.First.EvaluateAsync<string>("element => element.tagName").WaitAsync(BrowserTimeouts.Default);
        var control = tag is "INPUT" or "TEXTAREA" ? field.First : field.Locator("input:not([type=hidden]), textarea").First;
        await control.FillAsync(text).WaitAsync(BrowserTimeouts.Default);
        // Blazor binds MudTextField on change by default, which fires when the control loses focus.
        await control.PressAsync("Tab").WaitAsync(BrowserTimeouts.Default);
    }

    /// <summary>
    /// Picks <paramref name="optionText"/> in the select at <paramref name="field"/>: a native select directly, a
    /// MudSelect by opening its list and clicking the option.
    /// </summary>
    public static async Task PickOptionAsync(this ILocator field, IPage page, string optionText)
    {
        var native = field.Locator("xpath=self::select | .//select");
        if (await native.CountAsync().WaitAsync(BrowserTimeouts.Default) > 0)
        {
            await native.First.SelectOptionAsync(new SelectOptionValue { Label = optionText }).WaitAsync(BrowserTimeouts.Default);
            return;
        }

        await field.ClickAsync().WaitAsync(BrowserTimeouts.Default);
        await page.GetByRole(AriaRole.Option, new PageGetByRoleOptions { Name = optionText, Exact = true }).First.ClickAsync().WaitAsync(BrowserTimeouts.Default);
    }

    /// <summary>Types into an autocomplete such as the group picker and picks the option <paramref name="optionText"/>.</summary>
    public static async Task TypeAndPickAsync(this ILocator field, IPage page, string typed, string optionText)
    {
        var input = field.Locator("input").First;
        await input.ClickAsync().WaitAsync(BrowserTimeouts.Default);
        await input.PressSequentiallyAsync(typed, new LocatorPressSequentiallyOptions { Delay = 20 }).WaitAsync(BrowserTimeouts.Default);
        await page.GetByRole(AriaRole.Option, new PageGetByRoleOptions { Name = optionText }).First.ClickAsync().WaitAsync(BrowserTimeouts.Default);
    }

    /// <summary>Adds chips, such as outcomes, by typing each value into the chip field's input and pressing Enter.</summary>
    public static async Task AddChipsAsync(this ILocator field, params string[] values)
    {
        var input = field.Locator("input").First;
        foreach (var value in values)
        {
            await input.FillAsync(value).WaitAsync(BrowserTimeouts.Default);
            await input.PressAsync("Enter").WaitAsync(BrowserTimeouts.Default);
        }
    }
}
