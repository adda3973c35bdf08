using System.Text.Json.Nodes;

namespace ModelEngine.Workflows.Serialization;

/// <summary>
/// Renames PascalCase keys of a definition model to camelCase, as older Elsa exports write them, so that the rest
/// of the engine reads one spelling. Free-form objects (custom properties, designer metadata and expression
/// values) keep their keys as written.
/// </summary>
public static class DefinitionKeyNormalizer
{
    private static readonly HashSet<string> s_freeFormKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "customProperties",
        "metadata",
        "value",
        "defaultValue",
    };

    /// <summary>Returns a copy of <paramref name="model"/> with camelCase keys.</summary>
    public static JsonObject Normalize(JsonObject model) => (JsonObject)NormalizeNode(model)!;

    private static JsonNode? NormalizeNode(JsonNode? node) => node switch
    {
        JsonObject obj => NormalizeObject(obj),
        JsonArray array => new JsonArray(array.Select(NormalizeNode).ToArray()),
        _ => node?.DeepClone(),
    };

    private static JsonObject NormalizeObject(JsonObject obj)
    {
        var result = new JsonObject();
        foreach (var (key, value) in obj)
        {
            var name = key.Length > 0 && char.IsUpper(key[0]) ? char.ToLowerInvariant(key[0]) + key[1..] : key;

            // A camelCase key wins over its PascalCase twin when a file has both.
            if (result.ContainsKey(name) && name != key)
            {
                continue;
            }

            result[name] = s_freeFormKeys.Contains(name) ? value?.DeepClone() : NormalizeNode(value);
        }

        return result;
    }
}
