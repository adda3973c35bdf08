using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ModelEngine.Studio.EndToEndTests.Infrastructure;
using ModelEngine.Studio.Features.Designer;
using ModelEngine.Studio.Features.Inbox;
using ModelEngine.Studio.Features.Instances;
using ModelEngine.Studio.Features.Processes;
using Xunit.Abstractions;

namespace ModelEngine.Studio.EndToEndTests.Scenarios;

/// <summary>
/// The purchase approval through the studio, one user per browser context: dave designs and publishes it, alice starts
/// it, bob approves it with a comment, and alice views the approved path in the instance viewer. Each screen it visits
/// is checked with axe and, when screenshots are on, saved in <see cref="Language"/>.
/// </summary>
public sealed class PurchaseApprovalFlow(StudioFixture fixture, BrowserSession session, ITestOutputHelper output, string language)
{
    private const string UserTaskType = "ModelEngine.UserTask";

    // NOTE: the Chinese words are guesses at the translations, because the screens' resx files decide them.
    private static readonly Regex PublishedText = new("Published|已发布");
    private static readonly Regex FinishedText = new("Finished|已完成");

    public string Language { get; } = language;

    /// <summary>A title unique to this run, so that bob's inbox row is found among tasks of earlier runs.</summary>
    public string TaskTitle { get; } = $"Approve the purchase {Guid.NewGuid():N}"[..32];

    /// <summary>Signs in as <paramref name="user"/> in a new context, switching to <see cref="Language"/> through the app bar.</summary>
    public async Task<IPage> SignInAsync(string user)
    {
        var page = await session.NewPageAsync();
        await page.LoginAsync(user);
        if (Language != StudioLanguage.English)
        {
            await page.SwitchLanguageAsync(Language);
        }

        return page;
    }

    /// <summary>dave builds the flow by drag and drop, saves and publishes it, and returns the designed definition.</summary>
    public async Task<DesignedFlow> DesignAsync()
    {
        var page = await SignInAsync("dave");
        await VisitAsync(page, "dashboard");

        await page.GotoAsync("definitions");
        await ExpectTitleAsync<DesignerResources>(page);
        await VisitAsync(page, "definitions");
        await page.TestId("definitions-new").ClickAsync();
        await Assertions.Expect(page.TestId("canvas")).ToBeVisibleAsync();
        await page.WaitForCircuitAsync();

        await page.TestId("designer-name").FillFieldAsync("Purchase approval");
        await page.TestId("designer-tab-inputs").ClickAsync();
        await AddWorkflowInputAsync(page, "amount", "Decimal");
        await AddWorkflowInputAsync(page, "item", "String");

        // The minimap sits over the canvas's corner, where dropped nodes may land, so it is hidden while building.
        await page.TestId("designer-minimap").ClickAsync();

        // A new definition opens with a Start activity on the left; the others are dropped to its right.
        var startNodes = page.Locator("[data-testid=\"canvas-node\"][data-node-type=\"ModelEngine.Start\"]");
        var start = await startNodes.CountAsync().WaitAsync(BrowserTimeouts.Default) > 0
            ? await startNodes.First.RequiredAttributeAsync("data-node-id")
            : await page.DropActivityAtAsync("ModelEngine.Start", 0.1f, 0.4f);
        var userTask = await page.DropActivityAtAsync(UserTaskType, 0.45f, 0.5f);
        var approved = await page.DropActivityAtAsync("ModelEngine.WriteLine", 0.72f, 0.18f);
        var rejected = await page.DropActivityAtAsync("ModelEngine.WriteLine", 0.72f, 0.82f);
        await page.ConnectAsync(start, "Done", userTask);

        await SelectNodeAsync(page, approved);
        await page.TestId("input-text").FillFieldAsync("Approved");
        await SelectNodeAsync(page, rejected);
        await page.TestId("input-text").FillFieldAsync("Rejected");

        await SelectNodeAsync(page, userTask);
        await page.TestId("input-title").FillFieldAsync(TaskTitle);
        await page.TestId("input-candidateGroups").TypeAndPickAsync(page, "managers", "managers");
        await page.TestId("input-outcomes").AddChipsAsync("Approve", "Reject");
        await Assertions.Expect(page.Port(userTask, "Approve")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Port(userTask, "Reject")).ToHaveCountAsync(1);
        await page.ConnectAsync(userTask, "Approve", approved);
        await page.ConnectAsync(userTask, "Reject", rejected);
        await Assertions.Expect(page.Locator("[data-edge-id]")).ToHaveCountAsync(3);
        await Assertions.Expect(page.TestId("node-problems")).ToHaveCountAsync(0);
        await VisitAsync(page, "designer");

        await page.TestId("designer-save").ClickAsync();
        // The definition id is an input: empty until the first save, when the server chooses the id.
        await Assertions.Expect(page.TestId("designer-definition-id")).Not.ToHaveValueAsync(string.Empty);
        var definitionId = (await page.TestId("designer-definition-id").InputValueAsync()).Trim();
        await page.TestId("designer-publish").ClickAsync();
        await Assertions.Expect(page.TestId("designer-status")).ToHaveTextAsync(PublishedText);

        using var api = await fixture.Server.CreateApiClientAsync("dave");
        using var versions = JsonDocument.Parse(await api.GetStringAsync($"api/workflow-definitions/{Uri.EscapeDataString(definitionId)}/versions").WaitAsync(BrowserTimeouts.Server));
        var latest = versions.RootElement.GetProperty("items")[0];
        Assert.True(latest.GetProperty("isPublished").GetBoolean(), $"Definition {definitionId} is not published on the server.");
        Assert.Equal("Purchase approval", latest.GetProperty("name").GetString());
        return new DesignedFlow(definitionId, userTask, approved, rejected);
    }

    /// <summary>alice starts the definition from its start form and returns the new instance's id.</summary>
    public async Task<string> StartAsync(DesignedFlow flow)
    {
        var page = await SignInAsync("alice");
        await page.GotoAsync("processes");
        await ExpectTitleAsync<ProcessesResources>(page);
        var card = page.Locator($"[data-testid=\"process-card\"][data-definition-id=\"{flow.DefinitionId}\"]");
        await Assertions.Expect(card).ToBeVisibleAsync();
        await VisitAsync(page, "processes");
        var before = await InstanceIdsAsync(page);

        await card.Locator("[data-testid=\"process-start\"]").ClickAsync();
        await Assertions.Expect(page.TestId("start-form")).ToBeVisibleAsync();
        await page.TestId("start-input-amount").FillFieldAsync("2500");
        await page.TestId("start-input-item").FillFieldAsync("Laptop");
        await VisitAsync(page, "start-form");
        await page.TestId("start-submit").ClickAsync();

        await Assertions.Expect(page.TestId("my-instances").Locator("[data-testid=\"my-instance-row\"]")).ToHaveCountAsync(before.Count + 1);
        var started = (await InstanceIdsAsync(page)).Except(before).ToList();
        Assert.True(started.Count == 1, $"Starting added {started.Count} rows to my instances: {string.Join(", ", started)}.");
        return started[0];
    }

    /// <summary>bob claims the task in his groups' view and approves it with a comment.</summary>
    public async Task ApproveAsync()
    {
        var page = await SignInAsync("bob");
        await page.GotoAsync("inbox");
        await ExpectTitleAsync<InboxResources>(page);
        await page.TestId("inbox-view-groups").ClickAsync();
        var row = page.TestId("task-row").Filter(new LocatorFilterOptions { HasText = TaskTitle });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await VisitAsync(page, "inbox");

        var taskId = await row.RequiredAttributeAsync("data-task-id");
        await row.ClickAsync();
        await page.TestId("task-claim").ClickAsync();
        await page.TestId("task-comment").FillFieldAsync("Within budget");
        await VisitAsync(page, "task");
        await page.TestId("task-outcome-Approve").ClickAsync();

        using var api = await fixture.Server.CreateApiClientAsync("bob");
        var task = await PollAsync(api, $"api/tasks/{Uri.EscapeDataString(taskId)}", "status", "Completed");
        Assert.Equal("Approve", task.GetProperty("outcome").GetString());
        Assert.Equal("Within budget", task.GetProperty("comment").GetString());
        Assert.Equal("bob", task.GetProperty("completedBy").GetString());
    }

    /// <summary>Opens the instance as alice and checks that it finished along the Approve branch only.</summary>
    public async Task VerifyAsync(DesignedFlow flow, string instanceId)
    {
        await WaitUntilFinishedAsync(instanceId);
        var page = await SignInAsync("alice");
        await page.GotoAsync("instances");
        await ExpectTitleAsync<InstancesResources>(page);
        await Assertions.Expect(page.Locator($"[data-testid=\"instance-row\"][data-instance-id=\"{instanceId}\"]")).ToHaveCountAsync(1);
        await VisitAsync(page, "instances");

        await page.GotoAsync($"instances/{Uri.EscapeDataString(instanceId)}");
        await Assertions.Expect(page.TestId("instance-status")).ToHaveTextAsync(FinishedText);
        var canvas = page.TestId("instance-canvas");
        await Assertions.Expect(canvas.Locator($"[data-testid=\"canvas-node\"][data-node-id=\"{flow.UserTaskId}\"][data-status=\"Completed\"]")).ToHaveCountAsync(1);
        await Assertions.Expect(canvas.Locator($"[data-testid=\"canvas-node\"][data-node-id=\"{flow.ApprovedId}\"][data-status=\"Completed\"]")).ToHaveCountAsync(1);
        await Assertions.Expect(canvas.Locator($"[data-testid=\"canvas-node\"][data-node-id=\"{flow.RejectedId}\"][data-status=\"Completed\"]")).ToHaveCountAsync(0);
        // Start -> task and task -> approved are taken, the Reject connection is not.
        await Assertions.Expect(canvas.Locator("[data-edge-id]")).ToHaveCountAsync(3);
        await Assertions.Expect(canvas.Locator("[data-edge-id][data-taken=\"true\"]")).ToHaveCountAsync(2);
        await ExpectNodesClearOfMinimapAsync(page);
        await VisitAsync(page, "instance-viewer");

        // A resized window makes the canvas fit again, and the nodes stay clear of the minimap at the new size too.
        await page.SetViewportSizeAsync(1400, 900).WaitAsync(BrowserTimeouts.Default);
        await ExpectNodesClearOfMinimapAsync(page);
    }

    /// <summary>
    /// Checks that no node of the instance viewer's canvas, ports and port labels included, overlaps the minimap. It
    /// polls for at most <see cref="BrowserTimeouts.Default"/>, because the canvas fits again after a resize.
    /// </summary>
    private static async Task ExpectNodesClearOfMinimapAsync(IPage page)
    {
        const string Overlaps = """
            () => {
              const canvas = document.querySelector('[data-testid="instance-canvas"]');
              const minimap = canvas?.querySelector('[data-testid="canvas-minimap"]');
              if (!minimap || minimap.hidden) {
                return ['the minimap is missing or hidden'];
              }

              const box = minimap.getBoundingClientRect();
              const nodes = Array.from(canvas.querySelectorAll('[data-testid="canvas-node"]'));
              return nodes
                .map((node) => ({ id: node.getAttribute('data-node-id'), rect: node.getBoundingClientRect() }))
                .filter(({ rect }) => rect.right > box.left && rect.left < box.right && rect.bottom > box.top && rect.top < box.bottom)
                .map(({ id, rect }) => `${id} at ${Math.round(rect.left)},${Math.round(rect.top)} to ${Math.round(rect.right)},${Math.round(rect.bottom)} overlaps the minimap at ${Math.round(box.left)},${Math.round(box.top)} to ${Math.round(box.right)},${Math.round(box.bottom)}`);
            }
            """;

        var deadline = DateTime.UtcNow + BrowserTimeouts.Default;
        string[] overlaps;
        do
        {
            overlaps = await page.EvaluateAsync<string[]>(Overlaps).WaitAsync(BrowserTimeouts.Default);
            if (overlaps.Length == 0)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
        while (DateTime.UtcNow < deadline);

        Assert.Fail($"Nodes overlap the instance viewer's minimap: {string.Join("; ", overlaps)}.");
    }

    /// <summary>
    /// Polls the API until the instance has finished, so that the viewer is opened on the final state. Completing the
    /// task resumes the instance in the background, so it may still be running just after bob's click.
    /// </summary>
    private async Task WaitUntilFinishedAsync(string instanceId)
    {
        using var api = await fixture.Server.CreateApiClientAsync("alice");
        await PollAsync(api, $"api/workflow-instances/{Uri.EscapeDataString(instanceId)}", "subStatus", "Finished");
    }

    /// <summary>Gets <paramref name="path"/> until its <paramref name="property"/> is <paramref name="expected"/>, for at most <see cref="BrowserTimeouts.Server"/>.</summary>
    private static async Task<JsonElement> PollAsync(HttpClient api, string path, string property, string expected)
    {
        var deadline = DateTime.UtcNow + BrowserTimeouts.Server;
        string? actual;
        do
        {
            using var body = JsonDocument.Parse(await api.GetStringAsync(path).WaitAsync(BrowserTimeouts.Server));
            actual = body.RootElement.TryGetProperty(property, out var value) ? value.ToString() : null;
            if (actual == expected)
            {
                return body.RootElement.Clone();
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
        while (DateTime.UtcNow < deadline);

        Assert.Fail($"{path} did not reach {property} = {expected} within {BrowserTimeouts.Server.TotalSeconds} s. It is {actual ?? "missing"}.");
        return default;
    }

    /// <summary>Selects a node on the canvas and shows its properties, whichever side tab was open before.</summary>
    private static async Task SelectNodeAsync(IPage page, string nodeId)
    {
        await page.CanvasNode(nodeId).ClickAsync();
        var propertiesTab = page.TestId("designer-tab-properties");
        if (await propertiesTab.CountAsync().WaitAsync(BrowserTimeouts.Default) > 0)
        {
            await propertiesTab.ClickAsync();
        }

        await Assertions.Expect(page.TestId("property-panel")).ToBeVisibleAsync();
    }

    private async Task VisitAsync(IPage page, string screen)
    {
        await page.AssertAccessibleAsync($"{screen} ({Language})", output);
        await page.ScreenshotAsync(screen, Language);
    }

    private async Task ExpectTitleAsync<TResources>(IPage page) =>
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync(StudioText.Get<TResources>("Title", Language));

    private static async Task AddWorkflowInputAsync(IPage page, string name, string type)
    {
        var names = page.TestId("workflow-input-name");
        var count = await names.CountAsync().WaitAsync(BrowserTimeouts.Default);
        await page.TestId("workflow-input-add").ClickAsync();
        await Assertions.Expect(names).ToHaveCountAsync(count + 1);
        await names.Nth(count).FillFieldAsync(name);
        await page.TestId("workflow-input-type").Nth(count).PickOptionAsync(page, type);
    }

    private static async Task<List<string>> InstanceIdsAsync(IPage page)
    {
        var ids = await page.Locator("[data-testid=\"my-instance-row\"]").EvaluateAllAsync<string[]>("rows => rows.map(row => row.getAttribute('data-instance-id'))").WaitAsync(BrowserTimeouts.Default);
        return [.. ids];
    }
}
