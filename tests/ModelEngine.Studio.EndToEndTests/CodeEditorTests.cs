using Microsoft.Playwright;
using ModelEngine.Studio.EndToEndTests.Infrastructure;
using Xunit.Abstractions;

namespace ModelEngine.Studio.EndToEndTests;

/// <summary>
/// The Monaco code editors of the property panel in Chromium: an editor fills its frame instead of collapsing to a few
/// pixels, and switching an input's syntax back and forth, then typing, keeps the circuit alive and the edit.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CodeEditorTests(StudioFixture fixture, ITestOutputHelper output) : IClassFixture<StudioFixture>
{
    // The frame is 120 px tall; the collapsed editor of the QA finding measured 5 px.
    private const double MinEditorHeight = 60;

    [ChromiumFact]
    public async Task CodeEditor_FillsFrame_AndSurvivesSyntaxSwitches()
    {
        await using var session = fixture.Open(output, nameof(CodeEditor_FillsFrame_AndSurvivesSyntaxSwitches));
        var page = await session.NewPageAsync();
        await page.OpenNewDefinitionAsync();
        await page.TestId("designer-minimap").ClickAsync();

        var node = await page.DropActivityAtAsync("ModelEngine.WriteLine", 0.5f, 0.5f);
        await page.CanvasNode(node).ClickAsync();
        var propertiesTab = page.TestId("designer-tab-properties");
        if (await propertiesTab.CountAsync().WaitAsync(BrowserTimeouts.Default) > 0)
        {
            await propertiesTab.ClickAsync();
        }

        var field = page.TestId("input-text");
        var syntax = page.TestId("syntax-text");
        await syntax.PickOptionAsync(page, "JavaScript");
        var editor = field.Locator(".monaco-editor-container");
        await Assertions.Expect(editor.Locator(":scope > .monaco-editor")).ToHaveCountAsync(1);
        await AssertEditorHeightAsync(editor);

        for (var round = 0; round < 5; round++)
        {
            await syntax.PickOptionAsync(page, round % 2 == 0 ? "Liquid" : "JavaScript");

            // The option list lies over the editor until it closes, so a click before that would pick another syntax.
            await Assertions.Expect(page.Locator(".mud-popover-open")).ToHaveCountAsync(0);
            await Assertions.Expect(editor.Locator(":scope > .monaco-editor")).ToHaveCountAsync(1);
            await editor.ClickAsync().WaitAsync(BrowserTimeouts.Default);
            await page.Keyboard.TypeAsync($"x{round}", new KeyboardTypeOptions { Delay = 20 }).WaitAsync(BrowserTimeouts.Default);
        }

        await Assertions.Expect(editor.Locator(".view-lines")).ToContainTextAsync("x0x1x2x3x4");
        await AssertEditorHeightAsync(editor);
        await Assertions.Expect(page.Locator("#blazor-error-ui")).Not.ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("main[data-interactive]")).ToHaveCountAsync(1);
        session.Pass();
    }

    private static async Task AssertEditorHeightAsync(ILocator editor)
    {
        var box = await editor.BoundingBoxAsync().WaitAsync(BrowserTimeouts.Default);
        Assert.NotNull(box);
        Assert.True(box.Height >= MinEditorHeight, $"The code editor is {box.Height} px tall; it should fill its frame (at least {MinEditorHeight} px).");
    }
}
