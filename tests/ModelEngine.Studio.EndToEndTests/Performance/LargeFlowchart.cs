using System.Text.Json.Nodes;

namespace ModelEngine.Studio.EndToEndTests.Performance;

/// <summary>
/// Generates a definition of <c>activityCount</c> activities for the designer measurement: a Start, WriteLine and
/// SetVariable activities in turn, and an End, laid out in a grid and connected in a chain with a few cross links.
/// </summary>
public static class LargeFlowchart
{
    private const int Columns = 10;

    public static JsonObject Create(string definitionId, int activityCount)
    {
        var activities = new JsonArray();
        var connections = new JsonArray();
        for (var index = 0; index < activityCount; index++)
        {
            var type = index == 0 ? "ModelEngine.Start"
                : index == activityCount - 1 ? "ModelEngine.End"
                : index % 2 == 0 ? "ModelEngine.SetVariable" : "ModelEngine.WriteLine";
            var activity = new JsonObject
            {
                ["id"] = ActivityId(index),
                ["type"] = type,
                ["version"] = 1,
                ["metadata"] = new JsonObject
                {
                    ["designer"] = new JsonObject
                    {
                        ["position"] = new JsonObject { ["x"] = (index % Columns) * 240, ["y"] = (index / Columns) * 160 },
                    },
                },
            };
            if (type == "ModelEngine.WriteLine")
            {
                activity["text"] = Literal("String", $"Step {index}");
            }
            else if (type == "ModelEngine.SetVariable")
            {
                activity["variable"] = new JsonObject { ["id"] = "counter" };
                activity["value"] = Literal("Object", index.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            activities.Add(activity);
            if (index > 0)
            {
                connections.Add(Connection(index - 1, "Done", index));
            }
        }

        // Links from the first column to the row below give the canvas ~10% more edges than a plain chain.
        for (var index = 0; index + Columns < activityCount - 1; index += Columns)
        {
            connections.Add(Connection(index + 1, "Done", index + Columns + 1));
        }

        return new JsonObject
        {
            ["definitionId"] = definitionId,
            ["name"] = $"Designer load {activityCount}",
            ["variables"] = new JsonArray { new JsonObject { ["id"] = "counter", ["name"] = "Counter", ["typeName"] = "Object" } },
            ["inputs"] = new JsonArray(),
            ["outputs"] = new JsonArray(),
            ["root"] = new JsonObject
            {
                ["type"] = "Elsa.Flowchart",
                ["id"] = "root",
                ["activities"] = activities,
                ["connections"] = connections,
            },
        };
    }

    private static string ActivityId(int index) => $"a{index:D3}";

    private static JsonObject Literal(string typeName, string value) => new()
    {
        ["typeName"] = typeName,
        ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = value },
    };

    private static JsonObject Connection(int source, string port, int target) => new()
    {
        ["source"] = new JsonObject { ["activity"] = ActivityId(source), ["port"] = port },
        ["target"] = new JsonObject { ["activity"] = ActivityId(target), ["port"] = "In" },
        ["vertices"] = new JsonArray(),
    };
}
