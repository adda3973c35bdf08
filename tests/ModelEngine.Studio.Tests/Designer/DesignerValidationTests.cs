using System.Text.Json.Nodes;
using ModelEngine.Studio.Features.Designer.Canvas;
using ModelEngine.Studio.Features.Designer.Properties;

namespace ModelEngine.Studio.Tests.Designer;

public sealed class DesignerValidationTests : DesignerTestContext
{
    [Fact]
    public void Problems_AppearOnNodesAndInList()
    {
        var page = RenderDesigner(DesignerFixtures.WithProblems());

        Assert.Contains(Node(page, "task1").Problems!, p => p.Contains("Title", StringComparison.Ordinal));
        Assert.Contains(Node(page, "mystery1").Problems!, p => p.Contains("Acme.Unknown", StringComparison.Ordinal));
        Assert.Contains(Node(page, "lonely1").Problems!, p => p.Contains("not connected", StringComparison.Ordinal));
        Assert.Null(Node(page, "start1").Problems);
        var listed = page.FindAll("[data-testid=problem]").Select(e => e.GetAttribute("data-activity-id")).ToList();
        Assert.Equal(["task1", "mystery1", "lonely1"], listed);
    }

    [Fact]
    public async Task Problems_DisappearWhenFixed()
    {
        var page = RenderDesigner(DesignerFixtures.WithProblems());

        // The required title, through the property panel's contract: edit the activity in place, then OnChanged.
        await Raise<IReadOnlyList<string>>(page, c => c.OnSelectionChanged, ["task1"]);
        var panel = page.FindComponent<PropertyPanel>();
        Assert.Equal("task1", panel.Instance.Activity?["id"]?.GetValue<string>());
        await page.InvokeAsync(() =>
        {
            panel.Instance.Activity!["title"] = new JsonObject { ["typeName"] = "String", ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = "Review" } };
            return panel.Instance.OnChanged.InvokeAsync(panel.Instance.Activity);
        }).WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Null(Node(page, "task1").Problems);

        await Raise(page, c => c.OnConnected, new CanvasEdge("new", "task1", "Done", "lonely1"));
        Assert.Null(Node(page, "lonely1").Problems);

        await Raise<IReadOnlyList<string>>(page, c => c.OnSelectionChanged, ["mystery1"]);
        await Raise(page, c => c.OnCommand, CanvasCommand.Delete);

        Assert.DoesNotContain(Canvas(page).Instance.Graph.Nodes, n => n.Id == "mystery1");
        Assert.All(Canvas(page).Instance.Graph.Nodes, n => Assert.Null(n.Problems));
        Assert.Empty(page.FindAll("[data-testid=problem]"));
        Assert.NotEmpty(page.FindAll("[data-testid=problems-none]"));
    }

    [Fact]
    public void SecondStart_IsFlagged()
    {
        var definition = DesignerFixtures.WithProblems();
        var activities = definition["root"]!["activities"]!.AsArray();
        activities.Add(new JsonObject { ["id"] = "start2", ["type"] = "Elsa.Start", ["name"] = "Later start" });
        activities.Add(new JsonObject { ["id"] = "start3", ["type"] = "Elsa.Start" });

        var page = RenderDesigner(definition);

        Assert.Null(Node(page, "start1").Problems);
        Assert.Contains(Node(page, "start2").Problems!, p => p.Contains("already starts at \"Start\"", StringComparison.Ordinal));
        Assert.Contains(Node(page, "start3").Problems!, p => p.Contains("this Start never runs", StringComparison.Ordinal));
    }

    [Fact]
    public void SecondStart_NamedStartRuns()
    {
        var definition = DesignerFixtures.WithProblems();
        var root = definition["root"]!.AsObject();
        root["activities"]!.AsArray().Add(new JsonObject { ["id"] = "start2", ["type"] = "Elsa.Start", ["name"] = "Chosen start" });
        root["start"] = "start2";

        var page = RenderDesigner(definition);

        Assert.Null(Node(page, "start2").Problems);
        Assert.Contains(Node(page, "start1").Problems!, p => p.Contains("already starts at \"Chosen start\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Problem_ClickSelectsItsNode()
    {
        var page = RenderDesigner(DesignerFixtures.WithProblems());

        page.Find("[data-testid=problem][data-activity-id=lonely1]").Click();

        page.WaitForAssertion(() => Assert.Equal("lonely1", page.FindComponent<PropertyPanel>().Instance.Activity?["id"]?.GetValue<string>()), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Publish_ShowsServerErrorsOnNodes()
    {
        var page = RenderDesigner(DesignerFixtures.WithProblems());
        Api.On("POST", "api/workflow-definitions/orders/publish", _ => ScriptedStudioApi.Json(
            System.Net.HttpStatusCode.BadRequest,
            new
            {
                title = "Invalid definition",
                status = 400,
                detail = "The definition has 2 validation errors.",
                errors = new object[]
                {
                    new { activityId = "start1", property = "type", value = "Elsa.Start", message = "Start needs a trigger." },
                    new { property = "name", value = "", message = "The name is missing." },
                },
            },
            "application/problem+json"));

        page.Find("[data-testid=designer-publish]").Click();

        page.WaitForAssertion(() => Assert.Contains("Start needs a trigger.", Node(page, "start1").Problems ?? []), TimeSpan.FromSeconds(5));
        Assert.Equal(2, page.FindAll("[data-testid=publish-error]").Count);
        Assert.Contains(page.FindAll("[data-testid=problem]"), e => e.TextContent.Contains("Start needs a trigger.", StringComparison.Ordinal));
        Assert.Contains(page.FindAll("[data-testid=problem]"), e => e.TextContent.Contains("Definition: The name is missing.", StringComparison.Ordinal));
        Assert.Equal(["POST api/workflow-definitions/orders/publish"], Writes().Select(r => $"{r.Method} {r.Path}"));
    }
}
