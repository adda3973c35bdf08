using System.Text.Json.Nodes;

namespace ModelEngine.Workflows.Tests.Support;

/// <summary>Builders for definition JSON in Elsa 3's shape.</summary>
internal static class Json
{
    public static JsonObject Activity(string id, string type, params (string Name, JsonNode? Value)[] inputs)
    {
        var activity = new JsonObject { ["id"] = id, ["type"] = type };
        foreach (var (name, value) in inputs)
        {
            activity[name] = value;
        }

        return activity;
    }

    public static JsonObject Literal(object? value, string typeName = "Object") => Wrapped("Literal", JsonValue.Create(value), typeName);

    public static JsonObject Expr(string type, string value, string typeName = "Object") => Wrapped(type, JsonValue.Create(value), typeName);

    public static JsonObject Wrapped(string type, JsonNode? value, string typeName = "Object") => new()
    {
        ["typeName"] = typeName,
        ["expression"] = new JsonObject { ["type"] = type, ["value"] = value },
    };

    public static JsonObject Connect(string source, string target, string port = "Done") => new()
    {
        ["source"] = new JsonObject { ["activity"] = source, ["port"] = port },
        ["target"] = new JsonObject { ["activity"] = target, ["port"] = "In" },
    };

    public static JsonArray Array(params JsonNode[] items)
    {
        var array = new JsonArray();
        foreach (var item in items)
        {
            array.Add(item);
        }

        return array;
    }
}
