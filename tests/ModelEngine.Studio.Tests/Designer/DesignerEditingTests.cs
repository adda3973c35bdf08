using System.Text.Json.Nodes;
using ModelEngine.Studio.Features.Designer.Canvas;

namespace ModelEngine.Studio.Tests.Designer;

public sealed class DesignerEditingTests : DesignerTestContext
{
    [Fact]
    public void OpenPublished_SendsNoWrite()
    {
        var page = RenderDesigner(DesignerFixtures.Published());

        Assert.Empty(Writes());
        Assert.Equal("Published, version 1", page.Find("[data-testid=designer-status]").TextContent);
        Assert.True(page.Find("[data-testid=designer-save]").HasAttribute("disabled"));
        Assert.Empty(page.FindAll("[data-testid=designer-dirty]"));
        Assert.Equal(4, Canvas(page).Instance.Graph.Nodes.Count);
    }

    [Fact]
    public async Task Edit_ThenSave_SendsTheEditedModel()
    {
        var page = RenderDesigner(DesignerFixtures.Published());
        Api.On("POST", "api/workflow-definitions", DesignerFixtures.SaveAnswer(2));

        await Raise(page, c => c.OnDrop, new CanvasDrop("Test.Task", 300, 250));
        Assert.NotEmpty(page.FindAll("[data-testid=designer-dirty]"));
        Assert.Empty(Writes());
        page.Find("[data-testid=designer-save]").Click();

        page.WaitForAssertion(() => Assert.Single(Writes()), TimeSpan.FromSeconds(5));
        var body = Writes()[0].Body!;
        Assert.False(body["publish"]!.GetValue<bool>());
        var added = Assert.Single(body["model"]!["root"]!["activities"]!.AsArray(), a => a!["id"]!.GetValue<string>() == "task2");
        Assert.Equal("Test.Task", added!["type"]!.GetValue<string>());
        Assert.Equal(300, added["metadata"]!["designer"]!["position"]!["x"]!.GetValue<double>());
        page.WaitForAssertion(() => Assert.Equal("Draft, version 2", page.Find("[data-testid=designer-status]").TextContent), TimeSpan.FromSeconds(5));
        Assert.Empty(page.FindAll("[data-testid=designer-dirty]"));
    }

    [Fact]
    public async Task UndoRedo_RestoresTheGraph()
    {
        var page = RenderDesigner(DesignerFixtures.Published());
        Assert.True(page.Find("[data-testid=designer-undo]").HasAttribute("disabled"));

        await Raise(page, c => c.OnDrop, new CanvasDrop("Test.Task", 300, 250));
        await Raise<IReadOnlyList<CanvasPosition>>(page, c => c.OnMoved, [new CanvasPosition("task1", 222, 111)]);
        Assert.Equal(5, Canvas(page).Instance.Graph.Nodes.Count);

        page.Find("[data-testid=designer-undo]").Click();
        Assert.Equal((200d, 100d), (Node(page, "task1").X, Node(page, "task1").Y));
        page.Find("[data-testid=designer-undo]").Click();
        Assert.Equal(4, Canvas(page).Instance.Graph.Nodes.Count);
        Assert.True(page.Find("[data-testid=designer-undo]").HasAttribute("disabled"));

        page.Find("[data-testid=designer-redo]").Click();
        page.Find("[data-testid=designer-redo]").Click();
        Assert.Equal(5, Canvas(page).Instance.Graph.Nodes.Count);
        Assert.Equal((222d, 111d), (Node(page, "task1").X, Node(page, "task1").Y));
        Assert.True(page.Find("[data-testid=designer-redo]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task CopyPaste_CopiesActivitiesAndTheirConnection()
    {
        var page = RenderDesigner(DesignerFixtures.Published());

        await Raise<IReadOnlyList<string>>(page, c => c.OnSelectionChanged, ["start1", "task1"]);
        await Raise(page, c => c.OnCommand, CanvasCommand.Copy);
        await Raise(page, c => c.OnCommand, CanvasCommand.Paste);

        var graph = Canvas(page).Instance.Graph;
        Assert.Equal(6, graph.Nodes.Count);
        var start2 = Assert.Single(graph.Nodes, n => n.Id == "start2");
        var task2 = Assert.Single(graph.Nodes, n => n.Id == "task2");
        Assert.Equal((40d, 140d), (start2.X, start2.Y));
        Assert.Equal((240d, 140d), (task2.X, task2.Y));
        Assert.Contains(graph.Edges, e => e.Source == "start2" && e.Target == "task2");
        Assert.DoesNotContain(graph.Edges, e => e.Source == "task2");

        // The paste is one undo step.
        page.Find("[data-testid=designer-undo]").Click();
        Assert.Equal(4, Canvas(page).Instance.Graph.Nodes.Count);
    }

    [Fact]
    public async Task Cut_RemovesTheSelection()
    {
        var page = RenderDesigner(DesignerFixtures.Published());

        await Raise<IReadOnlyList<string>>(page, c => c.OnSelectionChanged, ["task1"]);
        await Raise(page, c => c.OnCommand, CanvasCommand.Cut);

        Assert.DoesNotContain(Canvas(page).Instance.Graph.Nodes, n => n.Id == "task1");
        Assert.DoesNotContain(Canvas(page).Instance.Graph.Edges, e => e.Source == "task1" || e.Target == "task1");

        await Raise(page, c => c.OnCommand, CanvasCommand.Paste);
        var pasted = Node(page, "task1");
        Assert.Equal((240d, 140d), (pasted.X, pasted.Y));
    }

    [Fact]
    public async Task NestedFlowchartEdit_IsSaved()
    {
        var page = RenderDesigner(DesignerFixtures.Published());
        Api.On("POST", "api/workflow-definitions", DesignerFixtures.SaveAnswer(2));

        await Raise(page, c => c.OnOpen, "sub1");
        Assert.Contains("Sub1", page.Find("[data-testid=breadcrumb]").TextContent, StringComparison.Ordinal);
        Assert.Empty(Canvas(page).Instance.Graph.Nodes);
        await Raise(page, c => c.OnDrop, new CanvasDrop("Test.Task", 10, 20));
        Assert.Single(Canvas(page).Instance.Graph.Nodes);

        page.FindAll("[data-testid=breadcrumb-level]")[0].Click();
        Assert.Equal(4, Canvas(page).Instance.Graph.Nodes.Count);
        page.Find("[data-testid=designer-save]").Click();

        page.WaitForAssertion(() => Assert.Single(Writes()), TimeSpan.FromSeconds(5));
        var sub = Assert.Single(Writes()[0].Body!["model"]!["root"]!["activities"]!.AsArray(), a => a!["id"]!.GetValue<string>() == "sub1");
        var nested = Assert.Single(sub!["activities"]!.AsArray());
        Assert.Equal("task2", nested!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task EmbeddedPortEdit_IsSaved()
    {
        var page = RenderDesigner(DesignerFixtures.Published());
        Api.On("POST", "api/workflow-definitions", DesignerFixtures.SaveAnswer(2));

        await Raise(page, c => c.OnOpen, "loop1");
        await Raise(page, c => c.OnDrop, new CanvasDrop("Test.Task", 10, 20));
        await page.InvokeAsync(() => page.Instance.SaveFromShortcut()).WaitAsync(TimeSpan.FromSeconds(5));

        var body = Assert.Single(Writes()).Body!;
        var loop = Assert.Single(body["model"]!["root"]!["activities"]!.AsArray(), a => a!["id"]!.GetValue<string>() == "loop1");
        var nested = Assert.Single(loop!["body"]!["activities"]!.AsArray());
        Assert.Equal("Test.Task", nested!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task CtrlS_SavesThroughTheShortcutHandler()
    {
        var page = RenderDesigner(DesignerFixtures.Published());
        Api.On("POST", "api/workflow-definitions", DesignerFixtures.SaveAnswer(2));
        Assert.Single(JSInterop.Invocations, i => i.Identifier == "modelEngineStudio.registerDesignerShortcuts");

        await Raise(page, c => c.OnDrop, new CanvasDrop("Test.Task", 300, 250));
        await page.InvokeAsync(() => page.Instance.SaveFromShortcut()).WaitAsync(TimeSpan.FromSeconds(5));

        var request = Assert.Single(Writes());
        Assert.Equal("api/workflow-definitions", request.Path);
        Assert.Contains(request.Body!["model"]!["root"]!["activities"]!.AsArray(), a => a!["id"]!.GetValue<string>() == "task2");
    }

    [Fact]
    public async Task CtrlS_WithoutChanges_SendsNothing()
    {
        var page = RenderDesigner(DesignerFixtures.Published());

        await page.InvokeAsync(() => page.Instance.SaveFromShortcut()).WaitAsync(TimeSpan.FromSeconds(5));
        await Raise(page, c => c.OnCommand, CanvasCommand.Save);

        Assert.Empty(Writes());
    }

    [Fact]
    public async Task Publish_WhenDirty_SavesFirst()
    {
        var page = RenderDesigner(DesignerFixtures.Published());
        Api.On("POST", "api/workflow-definitions", DesignerFixtures.SaveAnswer(2));
        Api.On("POST", "api/workflow-definitions/orders/publish", DesignerFixtures.SaveAnswer(2, published: true));

        await Raise(page, c => c.OnDrop, new CanvasDrop("Test.Task", 300, 250));
        page.Find("[data-testid=designer-publish]").Click();

        page.WaitForAssertion(() => Assert.Equal(2, Writes().Length), TimeSpan.FromSeconds(5));
        Assert.Equal(["api/workflow-definitions", "api/workflow-definitions/orders/publish"], Writes().Select(r => r.Path));
        Assert.Contains(Writes()[0].Body!["model"]!["root"]!["activities"]!.AsArray(), a => a!["id"]!.GetValue<string>() == "task2");
        page.WaitForAssertion(() => Assert.Equal("Published, version 2", page.Find("[data-testid=designer-status]").TextContent), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task ToolboxEnter_AddsActivityAtFreeSpot()
    {
        var page = RenderDesigner(DesignerFixtures.Published());

        var item = page.Find("[data-testid=toolbox-item][data-activity-type='ModelEngine.UserTask']");
        await item.KeyDownAsync(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter" }).WaitAsync(TimeSpan.FromSeconds(5));

        var node = Node(page, "userTask1");
        Assert.Equal(840, node.X);
        Assert.Equal(["Approve", "Reject"], node.OutPorts);
    }

    [Fact]
    public void Toolbox_SearchFiltersAndHidesUnbrowsable()
    {
        var page = RenderDesigner(DesignerFixtures.Published());
        Assert.DoesNotContain(page.FindAll("[data-testid=toolbox-item]"), e => e.GetAttribute("data-activity-type") == "Test.Hidden");
        Assert.All(page.FindAll("[data-testid=toolbox-item]"), e => Assert.Equal("modelEngineStudio.dragActivity(event)", e.GetAttribute("ondragstart")));

        page.Find("input[data-testid=toolbox-search]").Input("piece of work");

        page.WaitForAssertion(
            () => Assert.Equal(["Test.Task"], page.FindAll("[data-testid=toolbox-item]").Select(e => e.GetAttribute("data-activity-type"))),
            TimeSpan.FromSeconds(5));
    }
}
