using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using ModelEngine.Studio.EndToEndTests.Infrastructure;
using Xunit.Abstractions;

namespace ModelEngine.Studio.EndToEndTests.Performance;

/// <summary>
/// Measures how fast the designer opens a 150-activity workflow and how fast the inbox shows its first page over
/// thousands of tasks, in headless Chromium. Each figure is the median and p95 of 5 runs after the page is signed in.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Performance")]
public sealed class StudioPerformanceTests(StudioFixture fixture, ITestOutputHelper output) : IClassFixture<StudioFixture>
{
    private const int Runs = 5;
    private const int DesignerActivities = 150;

    [ChromiumFact]
    public async Task Designer_Opens150Activities()
    {
        var definitionId = "designer-load-150";
        using (var api = await fixture.Server.CreateApiClientAsync("dave"))
        {
            var model = LargeFlowchart.Create(definitionId, DesignerActivities);
            using var response = await api.PostAsJsonAsync("api/workflow-definitions", new JsonObject { ["model"] = model, ["publish"] = false }).WaitAsync(BrowserTimeouts.Server);
            Assert.True(response.IsSuccessStatusCode, $"Saving the {DesignerActivities}-activity definition failed with {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        await using var session = fixture.Open(output, nameof(Designer_Opens150Activities), trace: false);
        var page = await session.NewPageAsync();
        await page.LoginAsync("dave");

        var samples = await Measurements.MeasureAsync(
            Runs,
            prepare: () => page.GotoAsync("about:blank").WaitAsync(BrowserTimeouts.Default),
            measure: async () =>
            {
                await page.GotoAsync($"definitions/{definitionId}").WaitAsync(BrowserTimeouts.Measurement);
                await page.WaitForFunctionAsync(
                    "count => document.querySelectorAll('[data-testid=\"canvas-node\"]').length >= count",
                    DesignerActivities,
                    new PageWaitForFunctionOptions { Timeout = (float)BrowserTimeouts.Measurement.TotalMilliseconds }).WaitAsync(BrowserTimeouts.Measurement);
            });

        Measurements.Report(output, $"Designer opens {DesignerActivities} activities (GotoAsync to {DesignerActivities} canvas-node elements)", samples);
        await Assertions.Expect(page.CanvasNodes()).ToHaveCountAsync(DesignerActivities);
        session.Pass();
    }

    [ChromiumFact]
    public async Task Inbox_ShowsFirstPageOfManyTasks()
    {
        var taskCount = StressCounts.InboxTasks;
        var seeding = System.Diagnostics.Stopwatch.StartNew();
        await InboxSeeder.SeedAsync(fixture.Server, taskCount);
        output.WriteLine($"Seeded {taskCount} open tasks of the managers group in {seeding.Elapsed.TotalSeconds:F1} s.");

        // The server's share of the first page: the groups view's search, timed apart from the browser.
        using (var api = await fixture.Server.CreateApiClientAsync("bob"))
        {
            var search = new JsonObject { ["filter"] = new JsonObject { ["candidateOfMe"] = true }, ["pageSize"] = 25 };
            var apiSamples = await Measurements.MeasureAsync(
                Runs,
                prepare: () => Task.CompletedTask,
                measure: async () =>
                {
                    using var response = await api.PostAsJsonAsync("api/tasks/search", search).WaitAsync(BrowserTimeouts.Server);
                    Assert.True(response.IsSuccessStatusCode, $"The task search failed with {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                    var page = await response.Content.ReadFromJsonAsync<JsonObject>().WaitAsync(BrowserTimeouts.Server);
                    Assert.Equal(25, page!["items"]!.AsArray().Count);
                });
            Measurements.Report(output, $"POST /api/tasks/search, first 25 of {taskCount} open manager tasks as bob (API only)", apiSamples);
        }

        await using var session = fixture.Open(output, nameof(Inbox_ShowsFirstPageOfManyTasks), trace: false);
        var page = await session.NewPageAsync();
        await page.LoginAsync("bob");

        var samples = await Measurements.MeasureAsync(
            Runs,
            prepare: () => page.GotoAsync("about:blank").WaitAsync(BrowserTimeouts.Default),
            measure: async () =>
            {
                await page.GotoAsync("inbox").WaitAsync(BrowserTimeouts.Measurement);
                await page.WaitForCircuitAsync();
                await page.TestId("inbox-view-groups").ClickAsync().WaitAsync(BrowserTimeouts.Measurement);
                await page.TestId("task-row").First.WaitForAsync(new LocatorWaitForOptions
                {
                    State = WaitForSelectorState.Visible,
                    Timeout = (float)BrowserTimeouts.Measurement.TotalMilliseconds,
                }).WaitAsync(BrowserTimeouts.Measurement);
            });

        Measurements.Report(output, $"Inbox first page over {taskCount} open manager tasks (GotoAsync, groups view, first task-row visible)", samples);
        await Assertions.Expect(page.TestId("task-row").First).ToContainTextAsync("Approve load item");
        session.Pass();
    }
}
