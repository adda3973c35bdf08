using System.Text.Json.Nodes;

namespace ModelEngine.Studio.Features.Designer.Document;

/// <summary>
/// Reads and writes the parts of Elsa 3 activity JSON that the designer edits: ids, types, designer positions, and a
/// flowchart's <c>activities</c> and <c>connections</c>.
/// </summary>
public static class ActivityJson
{
    public const string FlowchartType = "Elsa.Flowchart";
    public const string StartType = "Elsa.Start";

    public static string Id(JsonObject activity) => activity["id"]?.GetValue<string>() ?? string.Empty;

    public static string? Type(JsonObject activity) => activity["type"]?.GetValue<string>();

    /// <summary>Returns whether the object is a flowchart: it has the flowchart type or an <c>activities</c> array.</summary>
    public static bool IsFlowchart(JsonNode? node) =>
        node is JsonObject value && (value["activities"] is JsonArray || Type(value) is FlowchartType or "ModelEngine.Flowchart");

    /// <summary>Returns the flowchart's <c>activities</c> array, adding an empty one when it is missing.</summary>
    public static JsonArray Activities(JsonObject flowchart)
    {
        if (flowchart["activities"] is not JsonArray activities)
        {
            activities = [];
            flowchart["activities"] = activities;
        }

        return activities;
    }

    /// <summary>Returns the flowchart's <c>connections</c> array, adding an empty one when it is missing.</summary>
    public static JsonArray Connections(JsonObject flowchart)
    {
        if (flowchart["connections"] is not JsonArray connections)
        {
            connections = [];
            flowchart["connections"] = connections;
        }

        return connections;
    }

    public static IEnumerable<JsonObject> ActivityObjects(JsonObject flowchart) => Activities(flowchart).OfType<JsonObject>();

    public static JsonObject? FindActivity(JsonObject flowchart, string id) =>
        ActivityObjects(flowchart).FirstOrDefault(activity => Id(activity) == id);

    public static string? ConnectionSource(JsonObject connection) => connection["source"]?["activity"]?.GetValue<string>();

    public static string? ConnectionSourcePort(JsonObject connection) => connection["source"]?["port"]?.GetValue<string>();

    public static string? ConnectionTarget(JsonObject connection) => connection["target"]?["activity"]?.GetValue<string>();

    public static string? ConnectionTargetPort(JsonObject connection) => connection["target"]?["port"]?.GetValue<string>();

    public static JsonObject Connection(string source, string sourcePort, string target, string targetPort) => new()
    {
        ["source"] = new JsonObject { ["activity"] = source, ["port"] = sourcePort },
        ["target"] = new JsonObject { ["activity"] = target, ["port"] = targetPort },
        ["vertices"] = new JsonArray(),
    };

    /// <summary>Returns the designer position in <c>metadata.designer.position</c>, or (0, 0) when it has none.</summary>
    public static (double X, double Y) Position(JsonObject activity)
    {
        var position = activity["metadata"]?["designer"]?["position"];
        return (ReadNumber(position?["x"]), ReadNumber(position?["y"]));
    }

    public static void SetPosition(JsonObject activity, double x, double y)
    {
        var metadata = activity["metadata"] as JsonObject ?? new JsonObject();
        activity["metadata"] = metadata;
        var designer = metadata["designer"] as JsonObject ?? new JsonObject();
        metadata["designer"] = designer;
        designer["position"] = new JsonObject { ["x"] = x, ["y"] = y };
    }

    /// <summary>Returns every activity id in the document, nested flowcharts and embedded activities included.</summary>
    public static HashSet<string> AllIds(JsonNode? node)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        CollectIds(node, ids);
        return ids;
    }

    private static void CollectIds(JsonNode? node, HashSet<string> ids)
    {
        switch (node)
        {
            case JsonObject value:
                if (value["type"] is JsonValue && value["id"] is JsonValue id && id.TryGetValue<string>(out var text))
                {
                    ids.Add(text);
                }

                foreach (var (_, child) in value)
                {
                    CollectIds(child, ids);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    CollectIds(child, ids);
                }

                break;
        }
    }

    private static double ReadNumber(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<double>(out var number) ? number : 0;
}
