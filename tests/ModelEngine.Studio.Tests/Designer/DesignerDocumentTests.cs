using System.Text.Json.Nodes;
using ModelEngine.Studio.Features.Designer.Canvas;
using ModelEngine.Studio.Features.Designer.Document;

namespace ModelEngine.Studio.Tests.Designer;

public sealed class DesignerDocumentTests
{
    private static readonly DescriptorCatalog Catalog = new(DesignerFixtures.Descriptors);

    [Fact]
    public void EditDuringSave_KeepsDocumentDirty()
    {
        var document = new DesignerDocument(DesignerFixtures.Published());
        DesignerEdits.Move(document, [new CanvasPosition("task1", 1, 2)]);
        var sent = document.Revision;

        DesignerEdits.Move(document, [new CanvasPosition("task1", 3, 4)]);
        document.AcceptSave("orders", "v2", 2, isPublished: false, sent);

        Assert.True(document.IsDirty);
        Assert.Equal(2, document.Version);
        Assert.Equal((3d, 4d), ActivityJson.Position(ActivityJson.FindActivity(document.CurrentFlowchart, "task1")!));
    }

    [Fact]
    public void SaveAnswer_ClearsDirtyWithoutLaterEdits()
    {
        var document = new DesignerDocument(DesignerFixtures.Published());
        DesignerEdits.Move(document, [new CanvasPosition("task1", 1, 2)]);

        document.AcceptSave("orders", "v2", 2, isPublished: false, document.Revision);

        Assert.False(document.IsDirty);
        Assert.False(document.IsPublished);
        Assert.Equal("v2", document.Definition["id"]!.GetValue<string>());
    }

    [Fact]
    public void Undo_KeepsTheServerVersion()
    {
        var document = new DesignerDocument(DesignerFixtures.Published());
        DesignerEdits.Move(document, [new CanvasPosition("task1", 1, 2)]);
        document.AcceptSave("orders", "v2", 2, isPublished: false, document.Revision);

        Assert.True(document.Undo());

        Assert.Equal(2, document.Version);
        Assert.Equal("v2", document.Definition["id"]!.GetValue<string>());
        Assert.Equal((200d, 100d), ActivityJson.Position(ActivityJson.FindActivity(document.CurrentFlowchart, "task1")!));
    }

    [Fact]
    public void Undo_KeepsAtMostOneHundredSteps()
    {
        var document = new DesignerDocument(DesignerFixtures.Published());
        for (var i = 1; i <= DesignerDocument.MaxUndoSteps + 5; i++)
        {
            DesignerEdits.Move(document, [new CanvasPosition("task1", i, i)]);
        }

        var undone = 0;
        while (document.Undo())
        {
            undone++;
        }

        Assert.Equal(DesignerDocument.MaxUndoSteps, undone);
        Assert.Equal((5d, 5d), ActivityJson.Position(ActivityJson.FindActivity(document.CurrentFlowchart, "task1")!));
    }

    [Fact]
    public void ReadOnly_TakesNoEdits()
    {
        var document = new DesignerDocument(DesignerFixtures.Published(), readOnly: true);

        DesignerEdits.Move(document, [new CanvasPosition("task1", 1, 2)]);

        Assert.False(document.IsDirty);
        Assert.False(document.CanUndo);
        Assert.Equal((200d, 100d), ActivityJson.Position(ActivityJson.FindActivity(document.CurrentFlowchart, "task1")!));
    }

    [Fact]
    public void UndoOfNestedContainer_ReturnsToParentLevel()
    {
        var document = new DesignerDocument(DesignerFixtures.Published());
        DesignerEdits.Move(document, [new CanvasPosition("sub1", 1, 2)]);
        var copy = new DesignerClipboard();
        copy.Copy(document.CurrentFlowchart, ["sub1"]);
        var pasted = Assert.Single(copy.Paste(document));
        Assert.True(document.Enter(new DesignerLevel(pasted, null, "Copy")));

        document.Undo();

        Assert.Empty(document.Path);
    }

    [Fact]
    public void Paste_RenamesNestedActivities()
    {
        var document = new DesignerDocument(DesignerFixtures.Published());
        Assert.True(document.Enter(new DesignerLevel("sub1", null, "Sub1")));
        DesignerEdits.AddActivity(document, Catalog.Find("Test.Task")!, 0, 0);
        document.GoTo(0);
        var clipboard = new DesignerClipboard();
        clipboard.Copy(document.CurrentFlowchart, ["sub1"]);

        var pasted = Assert.Single(clipboard.Paste(document));

        var copy = ActivityJson.FindActivity(document.CurrentFlowchart, pasted)!;
        var nestedId = ActivityJson.Id(Assert.Single(ActivityJson.ActivityObjects(copy)));
        Assert.NotEqual("task2", nestedId);
        Assert.Equal(ActivityJson.AllIds(document.Definition).Count, CountActivities(document.Definition));
    }

    [Fact]
    public void Graph_ReadsDynamicOutcomes()
    {
        var flowchart = (JsonObject)JsonNode.Parse("""
            { "activities": [
              { "id": "u1", "type": "ModelEngine.UserTask", "outcomes": { "typeName": "String[]", "expression": { "type": "Object", "value": "[\"Yes\",\"No\",\"Later\"]" } } },
              { "id": "u2", "type": "ModelEngine.UserTask", "outcomes": { "typeName": "String[]", "expression": { "type": "JavaScript", "value": "getOutcomes()" } } },
              { "id": "x1", "type": "Acme.Unknown", "metadata": { "displayText": "Mystery" } }
            ], "connections": [] }
            """)!;

        var graph = DesignerGraph.Build(flowchart, Catalog, new Dictionary<string, IReadOnlyList<string>>());

        Assert.Equal(["Yes", "No", "Later"], graph.Nodes[0].OutPorts);
        Assert.Equal(["Approve", "Reject"], graph.Nodes[1].OutPorts);
        Assert.Equal("Mystery", graph.Nodes[2].Label);
    }

    private static int CountActivities(JsonNode? node) => node switch
    {
        JsonObject value => (value["type"] is JsonValue && value["id"] is JsonValue ? 1 : 0) + value.Sum(pair => CountActivities(pair.Value)),
        JsonArray array => array.Sum(CountActivities),
        _ => 0,
    };
}
