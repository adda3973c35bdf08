using Microsoft.Playwright;

namespace ModelEngine.Studio.EndToEndTests.Infrastructure;

/// <summary>
/// Drives the designer's flowchart canvas through its DOM hooks: nodes carry <c>data-testid="canvas-node"</c> and
/// <c>data-node-id</c>, ports carry <c>data-port-node</c> and <c>data-port</c>, toolbox items carry
/// <c>data-activity-type</c>.
/// </summary>
public static class CanvasActions
{
    /// <summary>Signs in as dave (designers) and opens the designer on a new, unsaved definition.</summary>
    public static async Task OpenNewDefinitionAsync(this IPage page)
    {
        await page.LoginAsync("dave");
        await page.GotoAsync("definitions").WaitAsync(BrowserTimeouts.Default);
        await page.TestId("definitions-new").ClickAsync();
        await Assertions.Expect(page.TestId("canvas")).ToBeVisibleAsync();
        await page.WaitForCircuitAsync();
    }

    public static ILocator CanvasNodes(this IPage page) => page.Locator("[data-testid=\"canvas-node\"]");

    public static ILocator CanvasNode(this IPage page, string nodeId) =>
        page.Locator($"[data-testid=\"canvas-node\"][data-node-id=\"{nodeId}\"]");

    public static ILocator Port(this IPage page, string nodeId, string port) =>
        page.Locator($"[data-port-node=\"{nodeId}\"][data-port=\"{port}\"]");

    /// <summary>
    /// Drags the toolbox item of <paramref name="activityType"/> onto the canvas at (<paramref name="x"/>,
    /// <paramref name="y"/>) and returns the id of the node that appears.
    /// </summary>
    public static async Task<string> DropActivityAsync(this IPage page, string activityType, float x, float y)
    {
        var before = await NodeIdsAsync(page);
        var item = page.Locator($"[data-testid=\"toolbox-item\"][data-activity-type=\"{activityType}\"]").First;
        await item.DragToAsync(page.TestId("canvas"), new LocatorDragToOptions { TargetPosition = new TargetPosition { X = x, Y = y } }).WaitAsync(BrowserTimeouts.Default);
        await Assertions.Expect(page.CanvasNodes()).ToHaveCountAsync(before.Count + 1);

        var added = (await NodeIdsAsync(page)).Except(before).ToList();
        Assert.True(added.Count == 1, $"Dropping {activityType} added {added.Count} nodes: {string.Join(", ", added)}.");
        return added[0];
    }

    /// <summary>
    /// Drags <paramref name="activityType"/> onto the canvas at a point given as fractions of the canvas's width and
    /// height, so that the drop lands inside the canvas whatever room the page gives it.
    /// </summary>
    public static async Task<string> DropActivityAtAsync(this IPage page, string activityType, float fractionX, float fractionY)
    {
        var box = await page.TestId("canvas").BoundingBoxAsync().WaitAsync(BrowserTimeouts.Default);
        Assert.True(box is not null, "The canvas has no box on the page.");
        return await page.DropActivityAsync(activityType, box.Width * fractionX, box.Height * fractionY);
    }

    /// <summary>Draws a connection with the mouse, from a node's outcome port to another node's input port.</summary>
    public static async Task ConnectAsync(this IPage page, string sourceNodeId, string port, string targetNodeId)
    {
        var source = page.Port(sourceNodeId, port);
        var target = page.Port(targetNodeId, "In");
        if (await target.CountAsync().WaitAsync(BrowserTimeouts.Default) == 0)
        {
            target = page.CanvasNode(targetNodeId);
        }

        var from = await CenterAsync(source.First);
        var to = await CenterAsync(target.First);
        await page.Mouse.MoveAsync(from.X, from.Y).WaitAsync(BrowserTimeouts.Default);
        await page.Mouse.DownAsync().WaitAsync(BrowserTimeouts.Default);
        await page.Mouse.MoveAsync(to.X, to.Y, new MouseMoveOptions { Steps = 12 }).WaitAsync(BrowserTimeouts.Default);
        await page.Mouse.UpAsync().WaitAsync(BrowserTimeouts.Default);
    }

    /// <summary>Returns the ids of the nodes on the canvas, in document order.</summary>
    public static async Task<List<string>> NodeIdsAsync(IPage page)
    {
        var ids = await page.CanvasNodes().EvaluateAllAsync<string[]>("nodes => nodes.map(node => node.getAttribute('data-node-id'))").WaitAsync(BrowserTimeouts.Default);
        return [.. ids];
    }

    private static async Task<(float X, float Y)> CenterAsync(ILocator element)
    {
        await element.ScrollIntoViewIfNeededAsync().WaitAsync(BrowserTimeouts.Default);
        var box = await element.BoundingBoxAsync().WaitAsync(BrowserTimeouts.Default);
        Assert.True(box is not null, $"{element} has no box on the page, so the mouse cannot reach it.");
        return (box.X + (box.Width / 2), box.Y + (box.Height / 2));
    }
}
