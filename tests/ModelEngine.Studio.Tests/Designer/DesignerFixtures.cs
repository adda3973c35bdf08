using System.Text.Json.Nodes;
using ModelEngine.Studio.Api;
using ModelEngine.Studio.Api.Descriptors;

namespace ModelEngine.Studio.Tests.Designer;

/// <summary>The activity descriptors and definitions the designer tests script the server with.</summary>
internal static class DesignerFixtures
{
    public static IReadOnlyList<ActivityDescriptor> Descriptors { get; } =
    [
        new() { TypeName = "Elsa.Start", Name = "Start", DisplayName = "Start", Category = "Flow", IsStart = true, Ports = [new("Done", "Done")] },
        new()
        {
            TypeName = "Test.Task",
            Name = "Task",
            DisplayName = "Task",
            Category = "Work",
            Description = "Does one piece of work.",
            Inputs = [new() { Name = "title", TypeName = "String", DisplayName = "Title", IsRequired = true }],
            Ports = [new("Done", "Done")],
        },
        new()
        {
            TypeName = "ModelEngine.UserTask",
            Name = "UserTask",
            DisplayName = "User task",
            Category = "Human",
            HasDynamicOutcomes = true,
            Inputs = [new() { Name = "outcomes", TypeName = "String[]", DisplayName = "Outcomes", UiHint = UiHints.DynamicOutcomes, DefaultValue = JsonNode.Parse("""["Approve","Reject"]""") }],
            Ports = [new("Approve", "Approve"), new("Reject", "Reject")],
        },
        new() { TypeName = "Elsa.Flowchart", Name = "Flowchart", DisplayName = "Flowchart", Category = "Flow", IsContainer = true },
        new()
        {
            TypeName = "Test.Loop",
            Name = "Loop",
            DisplayName = "Loop",
            Category = "Flow",
            IsContainer = true,
            Ports = [new("Done", "Done"), new("body", "Body", PortDescriptor.EmbeddedType)],
        },
        new() { TypeName = "Test.Hidden", Name = "Hidden", DisplayName = "Hidden helper", Category = "Work", IsBrowsable = false },
    ];

    public static PagedList<ActivityDescriptor> DescriptorPage => new(Descriptors, Descriptors.Count);

    /// <summary>A published definition: start1 → task1 → sub1 (a nested flowchart) → loop1 (a container with an embedded <c>body</c> port).</summary>
    public static JsonObject Published() => Parse("""
        {
          "id": "v1", "definitionId": "orders", "name": "Orders", "version": 1, "isPublished": true, "isLatest": true,
          "variables": [], "inputs": [ { "name": "amount", "displayName": "Amount", "type": "Decimal" } ], "outputs": [],
          "root": {
            "type": "Elsa.Flowchart", "id": "root1",
            "activities": [
              { "id": "start1", "type": "Elsa.Start", "name": "Start1", "metadata": { "designer": { "position": { "x": 0, "y": 100 } } } },
              { "id": "task1", "type": "Test.Task", "name": "Task1",
                "title": { "typeName": "String", "expression": { "type": "Literal", "value": "Check" } },
                "metadata": { "designer": { "position": { "x": 200, "y": 100 } } } },
              { "id": "sub1", "type": "Elsa.Flowchart", "name": "Sub1", "activities": [], "connections": [],
                "metadata": { "designer": { "position": { "x": 400, "y": 100 } } } },
              { "id": "loop1", "type": "Test.Loop", "name": "Loop1",
                "metadata": { "designer": { "position": { "x": 600, "y": 100 } } } }
            ],
            "connections": [
              { "source": { "activity": "start1", "port": "Done" }, "target": { "activity": "task1", "port": "In" } },
              { "source": { "activity": "task1", "port": "Done" }, "target": { "activity": "sub1", "port": "In" } },
              { "source": { "activity": "sub1", "port": "Done" }, "target": { "activity": "loop1", "port": "In" } }
            ]
          }
        }
        """);

    /// <summary>
    /// A draft with three problems: task1 misses its required title, mystery1 has an unknown type, and lonely1 is not
    /// connected.
    /// </summary>
    public static JsonObject WithProblems() => Parse("""
        {
          "id": "v2", "definitionId": "orders", "name": "Orders", "version": 2, "isPublished": false, "isLatest": true,
          "root": {
            "type": "Elsa.Flowchart", "id": "root1",
            "activities": [
              { "id": "start1", "type": "Elsa.Start" },
              { "id": "task1", "type": "Test.Task" },
              { "id": "mystery1", "type": "Acme.Unknown" },
              { "id": "lonely1", "type": "Test.Task", "title": { "typeName": "String", "expression": { "type": "Literal", "value": "Alone" } } }
            ],
            "connections": [
              { "source": { "activity": "start1", "port": "Done" }, "target": { "activity": "task1", "port": "In" } },
              { "source": { "activity": "task1", "port": "Done" }, "target": { "activity": "mystery1", "port": "In" } }
            ]
          }
        }
        """);

    public static object SaveAnswer(int version, bool published = false) =>
        new { definitionId = "orders", id = $"v{version}", version, isPublished = published, isLatest = true, name = "Orders", warnings = Array.Empty<object>() };

    private static JsonObject Parse(string json) => (JsonObject)JsonNode.Parse(json)!;
}
