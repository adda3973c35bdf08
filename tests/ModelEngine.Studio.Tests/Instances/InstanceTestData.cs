using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ModelEngine.Studio.Api.Descriptors;
using ModelEngine.Studio.Api.Instances;
using ModelEngine.Studio.Auth;
using ModelEngine.Studio.Features;

namespace ModelEngine.Studio.Tests.Instances;

/// <summary>
/// A small purchase approval: start, an amount check that approves small amounts itself, and a manager approval
/// that approves or rejects larger ones. Also the descriptors, journals and instance responses that the tests script.
/// </summary>
internal static class InstanceTestData
{
    public const string InstanceId = "inst-1";

    /// <summary>Registers the studio's feature services and the session that pages read the user from.</summary>
    public static void AddStudioServices(IServiceCollection services)
    {
        services.AddStudioFeatures();
        services.AddScoped<StudioSession>();
    }

    public static JsonObject Model() => JsonNode.Parse("""
        {
          "definitionId": "purchase-approval", "id": "purchase-approval-v1", "name": "Purchase approval", "version": 1,
          "inputs": [ { "type": "Decimal", "name": "amount" }, { "type": "String", "name": "item" } ],
          "root": {
            "type": "Elsa.Flowchart", "id": "flowchart",
            "activities": [
              { "id": "start", "type": "Elsa.Start", "name": "Start1", "metadata": { "designer": { "position": { "x": 0, "y": 200 } } } },
              { "id": "checkAmount", "type": "Elsa.FlowDecision", "name": "UpToLimit",
                "metadata": { "displayText": "Amount up to 1000?", "designer": { "position": { "x": 220, "y": 200 } } } },
              { "id": "autoApproved", "type": "Elsa.SetVariable", "metadata": { "designer": { "position": { "x": 440, "y": 80 } } } },
              { "id": "managerApproval", "type": "ModelEngine.UserTask", "name": "ManagerApproval",
                "metadata": { "designer": { "position": { "x": 440, "y": 320 } } } },
              { "id": "approved", "type": "Elsa.SetVariable", "name": "Approved" },
              { "id": "rejected", "type": "Elsa.SetVariable", "name": "Rejected" }
            ],
            "connections": [
              { "source": { "activity": "start", "port": "Done" }, "target": { "activity": "checkAmount", "port": "In" } },
              { "source": { "activity": "checkAmount", "port": "True" }, "target": { "activity": "autoApproved", "port": "In" } },
              { "source": { "activity": "checkAmount", "port": "False" }, "target": { "activity": "managerApproval", "port": "In" } },
              { "source": { "activity": "managerApproval", "port": "Approve" }, "target": { "activity": "approved", "port": "In" } },
              { "source": { "activity": "managerApproval", "port": "Reject" }, "target": { "activity": "rejected", "port": "In" } }
            ]
          }
        }
        """)!.AsObject();

    public static IReadOnlyList<ActivityDescriptor> Descriptors() =>
    [
        new() { TypeName = "Elsa.Start", DisplayName = "Start", Category = "Flow", IsStart = true, Ports = [new("Done", "Done")] },
        new() { TypeName = "Elsa.FlowDecision", DisplayName = "Decision", Category = "Flow", Ports = [new("True", "True"), new("False", "False")] },
        new() { TypeName = "Elsa.SetVariable", DisplayName = "Set variable", Category = "Primitives", Ports = [new("Done", "Done")] },
        new() { TypeName = "ModelEngine.UserTask", DisplayName = "User task", Category = "Human", HasDynamicOutcomes = true },
    ];

    /// <summary>The journal of a large purchase that the manager approved.</summary>
    public static IReadOnlyList<JournalEntry> ApprovedJournal() =>
    [
        Entry(1, "WorkflowStarted", null),
        Entry(2, "ActivityCompleted", "start", Outcomes("Done")),
        Entry(3, "ActivityCompleted", "checkAmount", Outcomes("False")),
        Entry(4, "ActivitySuspended", "managerApproval"),
        Entry(5, "ActivityResumed", "managerApproval"),
        Entry(6, "ActivityCompleted", "managerApproval", Outcomes("Approve")),
        Entry(7, "ActivityCompleted", "approved", Outcomes("Done")),
        Entry(8, "WorkflowFinished", null),
    ];

    /// <summary>The journal of a large purchase that waits for the manager.</summary>
    public static IReadOnlyList<JournalEntry> WaitingJournal() =>
    [
        Entry(1, "WorkflowStarted", null),
        Entry(2, "ActivityCompleted", "start", Outcomes("Done")),
        Entry(3, "ActivityCompleted", "checkAmount", Outcomes("False")),
        Entry(4, "ActivitySuspended", "managerApproval"),
    ];

    public static JournalEntry Entry(long sequence, string eventName, string? activityId, JsonNode? payload = null) => new()
    {
        Sequence = sequence,
        Timestamp = new DateTimeOffset(2026, 12, 5, 9, 0, 0, TimeSpan.Zero).AddSeconds(sequence),
        EventName = eventName,
        ActivityId = activityId,
        Payload = payload,
    };

    public static JsonObject Outcomes(params string[] outcomes) => new() { ["outcomes"] = new JsonArray(outcomes.Select(o => (JsonNode?)o).ToArray()) };

    public static object Instance(string subStatus, string initiator = "alice", object[]? incidents = null) => new
    {
        id = InstanceId,
        definitionId = "purchase-approval",
        definitionVersionId = "purchase-approval-v1",
        version = 1,
        status = subStatus is "Pending" or "Executing" or "Suspended" ? "Running" : "Finished",
        subStatus,
        name = "Purchase approval",
        initiator,
        input = new { amount = 2500, item = "Laptop" },
        output = new { },
        variables = new Dictionary<string, object> { ["Decision"] = new { approved = true } },
        incidents = incidents ?? [],
        createdAt = "2026-12-05T08:00:00Z",
        updatedAt = "2026-12-05T08:30:00Z",
    };

    /// <summary>Scripts the viewer's calls for an instance with this journal.</summary>
    public static void ScriptViewer(ScriptedStudioApi api, object instance, IReadOnlyList<JournalEntry> journal)
    {
        api.On("GET", $"api/workflow-instances/{InstanceId}", instance);
        api.On("GET", $"api/workflow-instances/{InstanceId}/definition", Model());
        api.On("GET", $"api/workflow-instances/{InstanceId}/journal", new { items = journal, totalCount = journal.Count });
        api.On("GET", "api/descriptors/activities", new { items = Descriptors(), totalCount = Descriptors().Count });
    }
}
