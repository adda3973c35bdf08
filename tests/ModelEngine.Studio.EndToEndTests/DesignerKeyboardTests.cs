using Microsoft.Playwright;
using ModelEngine.Studio.EndToEndTests.Infrastructure;
using Xunit.Abstractions;

namespace ModelEngine.Studio.EndToEndTests;

/// <summary>The designer driven from the keyboard in Chromium.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DesignerKeyboardTests(StudioFixture fixture, ITestOutputHelper output) : IClassFixture<StudioFixture>
{
    private const int Additions = 8;

    [ChromiumFact]
    public async Task ToolboxEnter_AddsNodesInView()
    {
        await using var session = fixture.Open(output, nameof(ToolboxEnter_AddsNodesInView));
        var page = await session.NewPageAsync();
        await page.OpenNewDefinitionAsync();
        var canvas = await page.TestId("canvas").BoundingBoxAsync().WaitAsync(BrowserTimeouts.Default);
        Assert.True(canvas is not null, "The canvas has no box on the page.");

        // Each addition goes right of the rightmost node, so after a few the new node lies beyond the canvas's width
        // unless the canvas brings it into view.
        var item = page.Locator("[data-testid=\"toolbox-item\"][data-activity-type=\"ModelEngine.WriteLine\"]").First;
        for (var added = 0; added < Additions; added++)
        {
            var before = await page.CanvasNodes().EvaluateAllAsync<string[]>("nodes => nodes.map(n => n.getAttribute('data-node-id'))").WaitAsync(BrowserTimeouts.Default);
            await item.FocusAsync().WaitAsync(BrowserTimeouts.Default);
            await item.PressAsync("Enter").WaitAsync(BrowserTimeouts.Default);
            await Assertions.Expect(page.CanvasNodes()).ToHaveCountAsync(before.Length + 1);
            var after = await page.CanvasNodes().EvaluateAllAsync<string[]>("nodes => nodes.map(n => n.getAttribute('data-node-id'))").WaitAsync(BrowserTimeouts.Default);
            var id = Assert.Single(after.Except(before));

            var box = await page.CanvasNode(id).BoundingBoxAsync().WaitAsync(BrowserTimeouts.Default);
            Assert.True(box is not null, $"Node {id} has no box on the page.");
            Assert.True(box.X >= canvas.X, $"Node {id} starts at x {box.X}, left of the canvas at {canvas.X}.");
            Assert.True(box.X + box.Width <= canvas.X + canvas.Width, $"Node {id} ends at x {box.X + box.Width}, right of the canvas's edge at {canvas.X + canvas.Width}.");
            Assert.True(box.Y >= canvas.Y, $"Node {id} starts at y {box.Y}, above the canvas at {canvas.Y}.");
            Assert.True(box.Y + box.Height <= canvas.Y + canvas.Height, $"Node {id} ends at y {box.Y + box.Height}, below the canvas's edge at {canvas.Y + canvas.Height}.");
        }

        session.Pass();
    }

    [ChromiumFact]
    public async Task ToolboxArrows_AndSkipToCanvas()
    {
        await using var session = fixture.Open(output, nameof(ToolboxArrows_AndSkipToCanvas));
        var page = await session.NewPageAsync();
        await page.OpenNewDefinitionAsync();
        var types = await page.TestId("toolbox-item").EvaluateAllAsync<string[]>("items => items.map(i => i.getAttribute('data-activity-type'))").WaitAsync(BrowserTimeouts.Default);
        Assert.True(types.Length > 2, $"The toolbox shows {types.Length} activities.");

        var stop = page.Locator("[data-testid=\"toolbox-item\"][tabindex=\"0\"]");
        await Assertions.Expect(stop).ToHaveCountAsync(1);
        await stop.FocusAsync().WaitAsync(BrowserTimeouts.Default);
        await page.Keyboard.PressAsync("ArrowDown").WaitAsync(BrowserTimeouts.Default);
        Assert.Equal(types[1], await FocusedActivityTypeAsync(page));
        await page.Keyboard.PressAsync("End").WaitAsync(BrowserTimeouts.Default);
        Assert.Equal(types[^1], await FocusedActivityTypeAsync(page));
        await Assertions.Expect(page.Locator($"[data-testid=\"toolbox-item\"][data-activity-type=\"{types[^1]}\"]")).ToHaveAttributeAsync("tabindex", "0");
        await page.Keyboard.PressAsync("Tab").WaitAsync(BrowserTimeouts.Default);
        Assert.Null(await FocusedActivityTypeAsync(page));

        // Collapsing the category that contains the tab stop hands it to the first item shown, and End skips hidden items.
        await page.TestId("toolbox-category").Last.Locator(".mud-expand-panel-header").ClickAsync().WaitAsync(BrowserTimeouts.Default);
        await Assertions.Expect(stop).ToHaveAttributeAsync("data-activity-type", types[0]);
        await Assertions.Expect(page.Locator($"[data-testid=\"toolbox-item\"][data-activity-type=\"{types[^1]}\"]")).ToBeHiddenAsync();
        await stop.FocusAsync().WaitAsync(BrowserTimeouts.Default);
        await page.Keyboard.PressAsync("End").WaitAsync(BrowserTimeouts.Default);
        var last = await FocusedActivityTypeAsync(page);
        Assert.NotNull(last);
        Assert.NotEqual(types[0], last);
        await Assertions.Expect(page.Locator($"[data-testid=\"toolbox-item\"][data-activity-type=\"{last}\"]")).ToBeVisibleAsync();

        // The router focuses a page's heading when it opens, so the skip button must be the next stop after it. The
        // heading is focused here as the router does it, because on a slow load the router runs before the page's
        // heading exists.
        var skip = page.TestId("designer-skip-to-canvas");
        await page.Locator("h1").EvaluateAsync("heading => { heading.tabIndex = -1; heading.focus(); }").WaitAsync(BrowserTimeouts.Default);
        await Assertions.Expect(page.Locator("h1")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab").WaitAsync(BrowserTimeouts.Default);
        await Assertions.Expect(skip).ToBeFocusedAsync();
        var box = await skip.BoundingBoxAsync().WaitAsync(BrowserTimeouts.Default);
        Assert.True(box is not null, "The focused skip button has no box on the page.");
        Assert.True(box.X >= 0, $"The focused skip button starts at x {box.X}, off screen.");
        await page.Keyboard.PressAsync("Enter").WaitAsync(BrowserTimeouts.Default);
        await Assertions.Expect(page.TestId("canvas")).ToBeFocusedAsync();

        session.Pass();
    }

    private static Task<string?> FocusedActivityTypeAsync(IPage page) =>
        page.EvaluateAsync<string?>("() => document.activeElement?.closest('[data-testid=toolbox-item]')?.getAttribute('data-activity-type') ?? null")
            .WaitAsync(BrowserTimeouts.Default);
}
