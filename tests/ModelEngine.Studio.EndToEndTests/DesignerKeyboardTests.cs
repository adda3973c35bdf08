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
        await page.LoginAsync("dave");
        await page.GotoAsync("definitions").WaitAsync(BrowserTimeouts.Default);
        await page.TestId("definitions-new").ClickAsync();
        await Assertions.Expect(page.TestId("canvas")).ToBeVisibleAsync();
        await page.WaitForCircuitAsync();
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
            Assert.True(box.X >= canvas.X && box.X + box.Width <= canvas.X + canvas.Width, $"Node {id} spans x {box.X}..{box.X + box.Width}, outside the canvas's {canvas.X}..{canvas.X + canvas.Width}.");
            Assert.True(box.Y >= canvas.Y && box.Y + box.Height <= canvas.Y + canvas.Height, $"Node {id} spans y {box.Y}..{box.Y + box.Height}, outside the canvas's {canvas.Y}..{canvas.Y + canvas.Height}.");
        }

        session.Pass();
    }
}
