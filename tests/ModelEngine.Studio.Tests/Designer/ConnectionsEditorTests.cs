using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using ModelEngine.Studio.Features.Designer;
using ModelEngine.Studio.Features.Designer.Canvas;

namespace ModelEngine.Studio.Tests.Designer;

public sealed class ConnectionsEditorTests : DesignerTestContext
{
    [Fact]
    public async Task AddFromPanel_DrawsAndSavesConnection()
    {
        var page = RenderDesigner(DesignerFixtures.Published());
        Api.On("POST", "api/workflow-definitions", DesignerFixtures.SaveAnswer(2));
        await Raise<IReadOnlyList<string>>(page, c => c.OnSelectionChanged, ["task1"]);

        page.Find("[data-testid=connection-target-Done]").Change("loop1");
        page.Find("[data-testid=connection-add-Done]").Click();

        Assert.Contains(Canvas(page).Instance.Graph.Edges, e => e.Source == "task1" && e.SourcePort == "Done" && e.Target == "loop1");
        Assert.NotEmpty(page.FindAll("[data-testid=designer-dirty]"));
        var removeTargets = page.FindAll("[data-testid=connection-remove]").Select(b => b.GetAttribute("data-target-id")).ToList();
        Assert.Equal(["sub1", "loop1"], removeTargets);

        page.Find("[data-testid=designer-save]").Click();
        page.WaitForAssertion(() => Assert.Single(Writes()), TimeSpan.FromSeconds(5));
        var connections = Writes()[0].Body!["model"]!["root"]!["connections"]!.AsArray();
        Assert.Contains(connections, c =>
            c!["source"]!["activity"]!.GetValue<string>() == "task1"
            && c["source"]!["port"]!.GetValue<string>() == "Done"
            && c["target"]!["activity"]!.GetValue<string>() == "loop1");
        Assert.Equal(4, connections.Count);
    }

    [Fact]
    public async Task Remove_ThenUndo_RestoresConnection()
    {
        var page = RenderDesigner(DesignerFixtures.Published());
        await Raise<IReadOnlyList<string>>(page, c => c.OnSelectionChanged, ["task1"]);

        page.Find("[data-testid=connection-remove][data-target-id=sub1]").Click();

        Assert.DoesNotContain(Canvas(page).Instance.Graph.Edges, e => e.Source == "task1" && e.Target == "sub1");
        Assert.Empty(page.FindAll("[data-testid=connection-remove]"));
        Assert.Contains("sub1", Options(page, "Done"));

        page.Find("[data-testid=designer-undo]").Click();

        Assert.Contains(Canvas(page).Instance.Graph.Edges, e => e.Source == "task1" && e.Target == "sub1");
        Assert.Single(page.FindAll("[data-testid=connection-remove][data-target-id=sub1]"));
        Assert.DoesNotContain("sub1", Options(page, "Done"));
    }

    [Fact]
    public async Task EnterInSelect_AddsConnection()
    {
        var page = RenderDesigner(DesignerFixtures.Published());
        await Raise<IReadOnlyList<string>>(page, c => c.OnSelectionChanged, ["task1"]);

        page.Find("[data-testid=connection-target-Done]").KeyDown(Key.Enter);

        Assert.Contains(Canvas(page).Instance.Graph.Edges, e => e.Source == "task1" && e.SourcePort == "Done" && e.Target == "loop1");
        Assert.Single(page.FindAll("[data-testid=connection-remove][data-target-id=loop1]"));
    }

    [Fact]
    public async Task Targets_LeaveOutSelfStartAndConnected()
    {
        var page = RenderDesigner(DesignerFixtures.Published());
        await Raise<IReadOnlyList<string>>(page, c => c.OnSelectionChanged, ["task1"]);

        var options = Options(page, "Done");

        Assert.DoesNotContain("task1", options);
        Assert.DoesNotContain("start1", options);
        Assert.DoesNotContain("sub1", options);
        Assert.Equal(["loop1"], options);
        Assert.Equal("Loop1 (loop1)", page.Find("[data-testid=connection-target-Done] option").TextContent);
    }

    [Fact]
    public async Task SelfLoopFromCanvas_IsRejected()
    {
        var page = RenderDesigner(DesignerFixtures.Published());

        await Raise(page, c => c.OnConnected, new CanvasEdge("loop", "task1", "Done", "task1"));

        Assert.DoesNotContain(Canvas(page).Instance.Graph.Edges, e => e.Source == "task1" && e.Target == "task1");
        Assert.Empty(page.FindAll("[data-testid=designer-dirty]"));
    }

    [Fact]
    public async Task Connect_ClearsNotConnectedProblem()
    {
        var page = RenderDesigner(DesignerFixtures.WithProblems());
        Assert.Contains(Node(page, "lonely1").Problems!, p => p.Contains("not connected", StringComparison.Ordinal));
        await Raise<IReadOnlyList<string>>(page, c => c.OnSelectionChanged, ["lonely1"]);

        page.Find("[data-testid=connection-target-Done]").Change("mystery1");
        page.Find("[data-testid=connection-add-Done]").Click();

        Assert.Null(Node(page, "lonely1").Problems);
        Assert.Empty(page.FindAll("[data-testid=problem][data-activity-id=lonely1]"));
    }

    [Fact]
    public async Task OutcomePorts_EachGetLabelledControls()
    {
        var page = RenderDesigner(DesignerFixtures.Published());

        // A user task dropped on the canvas is selected, and its outcomes come from its default outcomes input.
        await Raise(page, c => c.OnDrop, new CanvasDrop("ModelEngine.UserTask", 300, 250));

        Assert.NotNull(page.Find("[data-testid=connections-editor]"));
        foreach (var port in new[] { "Approve", "Reject" })
        {
            Assert.NotNull(page.Find($"[data-testid=connection-port-{port}]"));
            Assert.Equal($"Connect {port} to", page.Find($"[data-testid=connection-target-{port}]").GetAttribute("aria-label"));
            Assert.Equal($"Connect {port}", page.Find($"[data-testid=connection-add-{port}]").GetAttribute("aria-label"));
        }
    }

    [Fact]
    public async Task ReadOnlyVersion_ListsWithoutControls()
    {
        Api.On("GET", "api/workflow-definitions/orders/versions/1", DesignerFixtures.Published());
        Services.GetRequiredService<NavigationManager>().NavigateTo("definitions/orders?version=1");
        var page = RenderPage<DesignerPage>(p => p.Add(x => x.DefinitionId, "orders"));
        page.WaitForAssertion(() => Assert.NotNull(page.Instance.Document), TimeSpan.FromSeconds(5));

        await Raise<IReadOnlyList<string>>(page, c => c.OnSelectionChanged, ["task1"]);

        Assert.Contains("Sub1 (sub1)", page.Find("[data-testid=connection-port-Done]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=connection-remove]"));
        Assert.Empty(page.FindAll("[data-testid=connection-target-Done]"));
        Assert.Empty(page.FindAll("[data-testid=connection-add-Done]"));
    }

    [Fact]
    public void NoSelection_HidesEditor()
    {
        var page = RenderDesigner(DesignerFixtures.Published());

        Assert.Empty(page.FindAll("[data-testid=connections-editor]"));
        Assert.Empty(page.FindComponents<ConnectionsEditor>());
    }

    private static List<string?> Options(IRenderedComponent<DesignerPage> page, string port) =>
        [.. page.FindAll($"[data-testid=connection-target-{port}] option").Select(o => o.GetAttribute("value"))];
}
