using System.Text.Json.Nodes;

namespace ModelEngine.Benchmarks.Definitions;

/// <summary>The definitions the benchmarks run, in Elsa 3's JSON shape. Every input is a Literal, so no script runs.</summary>
internal static class BenchmarkDefinitions
{
    /// <summary>The group whose members may claim the task of <see cref="Approval"/>.</summary>
    public const string ReviewerGroup = "reviewers";

    /// <summary>The outcome that completes the task of <see cref="Approval"/> and leads to its End.</summary>
    public const string ApproveOutcome = "Approve";

    /// <summary>
    /// Builds Start → SetVariable → WriteLine → SetOutput → End: five activities in a row that finish in one step
    /// without suspending.
    /// </summary>
    public static JsonObject StraightThrough() => Flowchart(
        "Straight-through",
        [
            Activity("start", "Elsa.Start"),
            Activity(
                "set",
                "Elsa.SetVariable",
                ("variable", new JsonObject { ["id"] = "greeting", ["name"] = "greeting" }),
                ("value", Literal("hello", "String"))),
            Activity("write", "Elsa.WriteLine", ("text", Literal("Benchmark instance started", "String"))),
            Activity(
                "output",
                "Elsa.SetOutput",
                ("outputName", Literal("result", "String")),
                ("outputValue", Literal("done", "String"))),
            Activity("end", "Elsa.End"),
        ],
        [Connect("start", "set"), Connect("set", "write"), Connect("write", "output"), Connect("output", "end")],
        [new JsonObject { ["id"] = "greeting", ["name"] = "greeting", ["typeName"] = "String" }]);

    /// <summary>Builds Start → End, the smallest flowchart, whose cost is the fixed cost of an instance.</summary>
    public static JsonObject StartEnd() => Flowchart(
        "Start-end",
        [Activity("start", "Elsa.Start"), Activity("end", "Elsa.End")],
        [Connect("start", "end")],
        []);

    /// <summary>
    /// Builds Start → UserTask → End. The task goes to <see cref="ReviewerGroup"/>, and its
    /// <see cref="ApproveOutcome"/> outcome leads to End.
    /// </summary>
    public static JsonObject Approval() => Flowchart(
        "Approval",
        [
            Activity("start", "Elsa.Start"),
            Activity(
                "approve",
                "ModelEngine.UserTask",
                ("title", Literal("Approve the benchmark request", "String")),
                ("candidateGroups", new JsonObject
                {
                    ["typeName"] = "String[]",
                    ["expression"] = new JsonObject { ["type"] = "Object", ["value"] = $"[\"{ReviewerGroup}\"]" },
                })),
            Activity("end", "Elsa.End"),
        ],
        [Connect("start", "approve"), Connect("approve", "end", ApproveOutcome)],
        []);

    private static JsonObject Flowchart(string name, JsonNode[] activities, JsonNode[] connections, JsonNode[] variables) => new()
    {
        ["name"] = name,
        ["variables"] = new JsonArray(variables),
        ["root"] = new JsonObject
        {
            ["type"] = "Elsa.Flowchart",
            ["id"] = "root",
            ["activities"] = new JsonArray(activities),
            ["connections"] = new JsonArray(connections),
        },
    };

    private static JsonObject Activity(string id, string type, params (string Name, JsonNode Value)[] inputs)
    {
        var activity = new JsonObject { ["id"] = id, ["type"] = type };
        foreach (var (name, value) in inputs)
        {
            activity[name] = value;
        }

        return activity;
    }

    private static JsonObject Literal(string value, string typeName) => new()
    {
        ["typeName"] = typeName,
        ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = value },
    };

    private static JsonObject Connect(string source, string target, string port = "Done") => new()
    {
        ["source"] = new JsonObject { ["activity"] = source, ["port"] = port },
        ["target"] = new JsonObject { ["activity"] = target, ["port"] = "In" },
    };
}
