using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using ModelEngine.Studio.Api;
using ModelEngine.Studio.Api.Definitions;
using ModelEngine.Studio.Features.Designer;
using ModelEngine.Studio.Features.Designer.Canvas;

namespace ModelEngine.Studio.Tests.Designer;

public sealed class DesignerToolbarTests : DesignerTestContext
{
    private static readonly PagedList<DefinitionSummary> Versions = new(
    [
        new DefinitionSummary { Id = "v2", DefinitionId = "orders", Version = 2, IsLatest = true, IsPublished = false },
        new DefinitionSummary { Id = "v1", DefinitionId = "orders", Version = 1, IsLatest = false, IsPublished = true },
    ], 2);

    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    [Fact]
    public async Task ViewVersion_IsReadOnly()
    {
        Api.On("GET", "api/workflow-definitions/orders/versions/1", DesignerFixtures.Published());
        Navigation.NavigateTo("definitions/orders?version=1");

        var page = RenderPage<DesignerPage>(p => p.Add(x => x.DefinitionId, "orders"));
        page.WaitForAssertion(() => Assert.NotNull(page.Instance.Document), TimeSpan.FromSeconds(5));

        Assert.NotEmpty(page.FindAll("[data-testid=designer-read-only]"));
        Assert.True(Canvas(page).Instance.ReadOnly);
        Assert.True(page.Find("[data-testid=designer-save]").HasAttribute("disabled"));
        await Raise(page, c => c.OnDrop, new CanvasDrop("Test.Task", 1, 1));
        await page.InvokeAsync(() => page.Instance.SaveFromShortcut()).WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(4, Canvas(page).Instance.Graph.Nodes.Count);
        Assert.Empty(Writes());
        Assert.Contains(Api.Requests, r => r.Path == "api/workflow-definitions/orders/versions/1");
    }

    [Fact]
    public void Versions_ViewOpensTheVersion()
    {
        var page = RenderDesigner(DesignerFixtures.Published());
        Api.On("GET", "api/workflow-definitions/orders/versions", Versions);

        page.Find("[data-testid=designer-versions]").Click();
        page.WaitForAssertion(() => Assert.Equal(2, DialogHost.FindAll("[data-testid=version-row]").Count), TimeSpan.FromSeconds(5));
        DialogHost.Find("[data-testid=version-row][data-version='1'] [data-testid=version-view]").Click();

        page.WaitForAssertion(() => Assert.EndsWith("/definitions/orders?version=1", Navigation.Uri, StringComparison.Ordinal), TimeSpan.FromSeconds(5));
        Assert.Empty(Writes());
    }

    [Fact]
    public void Versions_RevertAfterConfirmReloads()
    {
        var page = RenderDesigner(DesignerFixtures.Published());
        Api.On("GET", "api/workflow-definitions/orders/versions", Versions);
        Api.On("POST", "api/workflow-definitions/orders/revert/1", Versions.Items[0] with { Version = 3, Id = "v3" });

        page.Find("[data-testid=designer-versions]").Click();
        page.WaitForAssertion(() => Assert.Equal(2, DialogHost.FindAll("[data-testid=version-row]").Count), TimeSpan.FromSeconds(5));
        DialogHost.Find("[data-testid=version-row][data-version='1'] [data-testid=version-revert]").Click();
        page.WaitForAssertion(() => Assert.Contains(DialogHost.FindAll(".mud-message-box button"), b => b.TextContent.Trim() == "Revert"), TimeSpan.FromSeconds(5));
        Assert.Empty(Writes());
        DialogHost.FindAll(".mud-message-box button").First(b => b.TextContent.Trim() == "Revert").Click();

        page.WaitForAssertion(() => Assert.Single(Writes()), TimeSpan.FromSeconds(5));
        Assert.Equal("api/workflow-definitions/orders/revert/1", Writes()[0].Path);
        page.WaitForAssertion(() => Assert.Equal(2, Api.Requests.Count(r => r.Path == "api/workflow-definitions/orders")), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Run_DispatchesWithTheFormInput()
    {
        var page = RenderDesigner(DesignerFixtures.Published());
        Api.On("POST", "api/workflow-definitions/orders/dispatch", new { workflowInstanceId = "inst-7" });

        page.Find("[data-testid=designer-run]").Click();
        page.WaitForAssertion(() => Assert.NotEmpty(DialogHost.FindAll("input[data-testid=run-input-amount]")), TimeSpan.FromSeconds(5));
        Assert.Empty(DialogHost.FindAll("[data-testid=run-draft-newer]"));
        DialogHost.Find("input[data-testid=run-input-amount]").Change("12.5");
        DialogHost.Find("[data-testid=run-submit]").Click();

        page.WaitForAssertion(() => Assert.Equal("inst-7", DialogHost.Find("[data-testid=run-instance-link]").TextContent), TimeSpan.FromSeconds(5));
        Assert.Equal("instances/inst-7", DialogHost.Find("[data-testid=run-instance-link]").GetAttribute("href"));
        var request = Assert.Single(Writes());
        Assert.Equal(12.5m, request.Body!["input"]!["amount"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Run_WarnsWhenTheDraftIsNewer()
    {
        var page = RenderDesigner(DesignerFixtures.Published());
        await Raise(page, c => c.OnDrop, new CanvasDrop("Test.Task", 1, 1));

        page.Find("[data-testid=designer-run]").Click();

        page.WaitForAssertion(() => Assert.NotEmpty(DialogHost.FindAll("[data-testid=run-draft-newer]")), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void NewDefinition_FirstSaveOpensItsAddress()
    {
        Api.On("POST", "api/workflow-definitions", DesignerFixtures.SaveAnswer(1));
        var page = RenderPage<DesignerPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Instance.Document), TimeSpan.FromSeconds(5));
        Assert.Equal(["start1"], Canvas(page).Instance.Graph.Nodes.Select(n => n.Id));
        Assert.Empty(Writes());

        page.Find("[data-testid=designer-save]").Click();

        page.WaitForAssertion(() => Assert.EndsWith("/definitions/orders", Navigation.Uri, StringComparison.Ordinal), TimeSpan.FromSeconds(5));
        var model = Assert.Single(Writes()).Body!["model"]!.AsObject();
        Assert.False(model.ContainsKey("definitionId"));
        Assert.Equal("Elsa.Start", model["root"]!["activities"]![0]!["type"]!.GetValue<string>());
        Assert.Equal("orders", page.Instance.Document!.DefinitionId);
    }

    [Fact]
    public async Task LeavingWithUnsavedChanges_AsksFirst()
    {
        var page = RenderDesigner(DesignerFixtures.Published());
        await Raise(page, c => c.OnDrop, new CanvasDrop("Test.Task", 1, 1));
        var before = Navigation.Uri;

        await page.InvokeAsync(() => Navigation.NavigateTo("inbox")).WaitAsync(TimeSpan.FromSeconds(5));
        page.WaitForAssertion(() => Assert.Contains(DialogHost.FindAll(".mud-message-box button"), b => b.TextContent.Trim() == "Stay"), TimeSpan.FromSeconds(5));
        DialogHost.FindAll(".mud-message-box button").First(b => b.TextContent.Trim() == "Stay").Click();

        page.WaitForAssertion(() => Assert.Empty(DialogHost.FindAll(".mud-message-box")), TimeSpan.FromSeconds(5));
        Assert.Equal(before, Navigation.Uri);
    }

    [Fact]
    public void Export_DownloadsTheServerFile()
    {
        var page = RenderDesigner(DesignerFixtures.Published());
        Api.On("GET", "api/workflow-definitions/orders/export", new JsonObject { ["definitionId"] = "orders" });

        page.Find("[data-testid=designer-export]").Click();

        page.WaitForAssertion(() => Assert.Single(JSInterop.Invocations, i => i.Identifier == "modelEngineStudio.download"), TimeSpan.FromSeconds(5));
        var download = JSInterop.Invocations.Single(i => i.Identifier == "modelEngineStudio.download");
        Assert.Equal("workflow-definition-orders.json", download.Arguments[0]);
        Assert.Contains("\"definitionId\":\"orders\"", (string)download.Arguments[2]!, StringComparison.Ordinal);
    }
}
