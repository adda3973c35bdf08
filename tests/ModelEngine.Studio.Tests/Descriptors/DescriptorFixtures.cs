using System.Text.Json.Nodes;
using ModelEngine.Studio.Api;
using ModelEngine.Studio.Api.Descriptors;

namespace ModelEngine.Studio.Tests.Descriptors;

/// <summary>Built-in descriptors as the server sends them (English), one plugin descriptor without keys, and a definition using them.</summary>
internal static class DescriptorFixtures
{
    public const string PluginType = "Acme.Sms.SendText";

    public static IReadOnlyList<ActivityDescriptor> Descriptors { get; } =
    [
        new() { TypeName = "ModelEngine.Start", DisplayName = "Start", Category = "Primitives", Description = "Marks where the flowchart starts.", IsStart = true, Ports = [new("Done", "Done")] },
        new()
        {
            TypeName = "ModelEngine.WriteLine",
            DisplayName = "Write Line",
            Category = "Primitives",
            Description = "Writes a line to the instance journal.",
            Inputs = [new() { Name = "text", TypeName = "String", DisplayName = "Text", Description = "The text to write.", IsRequired = true }],
            Ports = [new("Done", "Done")],
        },
        new()
        {
            TypeName = "ModelEngine.UserTask",
            DisplayName = "User task",
            Category = "Human tasks",
            Description = "Asks a person to approve, reject or choose another outcome.",
            HasDynamicOutcomes = true,
            Inputs =
            [
                new() { Name = "title", TypeName = "String", DisplayName = "Title", Description = "The task title shown in the inbox." },
                new() { Name = "outcomes", TypeName = "String[]", DisplayName = "Outcomes", UiHint = UiHints.DynamicOutcomes, DefaultValue = JsonNode.Parse("""["Approve","Reject"]""") },
                new() { Name = "excludeInitiator", TypeName = "Boolean", DisplayName = "Exclude Initiator", UiHint = UiHints.Checkbox, Category = "People", Order = 1 },
            ],
            Outputs = [new() { Name = "result", TypeName = "Object", DisplayName = "Result" }],
            Ports = [new("Approve", "Approve"), new("Reject", "Reject")],
        },
        new()
        {
            TypeName = "ModelEngine.FlowDecision",
            DisplayName = "Decision",
            Category = "Branching",
            Inputs = [new() { Name = "condition", TypeName = "Boolean", DisplayName = "Condition" }],
            Ports = [new("True", "True"), new("False", "False")],
        },
        new()
        {
            TypeName = PluginType,
            DisplayName = "Send SMS",
            Category = "Notifications",
            Description = "Sends a text message.",
            Inputs = [new() { Name = "phone", TypeName = "String", DisplayName = "Phone number", Category = "Recipient" }],
            Ports = [new("Sent", "Sent")],
        },
    ];

    public static PagedList<ActivityDescriptor> Page => new(Descriptors, Descriptors.Count);

    /// <summary>
    /// start1 → review1 (a user task named UserTask1, as the designer names it) —Approve→ write1 (named Audit, its text
    /// empty) and —Reject→ sms1 (the plugin activity).
    /// </summary>
    public static JsonObject Draft() => (JsonObject)JsonNode.Parse("""
        {
          "id": "v1", "definitionId": "orders", "name": "Orders", "version": 1, "isPublished": false, "isLatest": true,
          "variables": [], "inputs": [], "outputs": [],
          "root": {
            "type": "ModelEngine.Flowchart", "id": "root1",
            "activities": [
              { "id": "start1", "type": "ModelEngine.Start", "metadata": { "designer": { "position": { "x": 0, "y": 100 } } } },
              { "id": "review1", "type": "ModelEngine.UserTask", "name": "UserTask1",
                "outcomes": { "typeName": "String[]", "expression": { "type": "Literal", "value": "[\"Approve\",\"Reject\"]" } },
                "metadata": { "designer": { "position": { "x": 200, "y": 100 } } } },
              { "id": "write1", "type": "ModelEngine.WriteLine", "name": "Audit", "metadata": { "designer": { "position": { "x": 400, "y": 0 } } } },
              { "id": "sms1", "type": "Acme.Sms.SendText", "metadata": { "designer": { "position": { "x": 400, "y": 200 } } } }
            ],
            "connections": [
              { "source": { "activity": "start1", "port": "Done" }, "target": { "activity": "review1", "port": "In" } },
              { "source": { "activity": "review1", "port": "Approve" }, "target": { "activity": "write1", "port": "In" } },
              { "source": { "activity": "review1", "port": "Reject" }, "target": { "activity": "sms1", "port": "In" } }
            ]
          }
        }
        """)!;
}
