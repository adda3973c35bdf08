using System.Text.Json;
using System.Text.Json.Nodes;

namespace ModelEngine.Fel.Tools;

/// <summary>
/// Normalises the parameter schema of a tool so that it is valid JSON Schema (draft 2020-12) and has the shape model
/// providers expect: an object schema with <c>properties</c>, <c>required</c> as an array of strings and
/// <c>examples</c> as an array.
/// </summary>
/// <remarks>
/// Schemas written by hand or produced by other tools often carry draft-3 habits such as <c>"required": true</c> on a
/// property, a single string for <c>required</c>, a single value for <c>examples</c> or <c>null</c> where a schema is
/// expected. Providers reject such schemas, so every tool source passes its schemas through <see cref="Normalize(JsonElement?)"/>.
/// </remarks>
public static class ToolSchemas
{
    /// <summary>Keywords whose value is one schema.</summary>
    private static readonly string[] s_schemaKeywords =
    [
        "additionalProperties", "items", "not", "if", "then", "else", "contains", "propertyNames",
        "unevaluatedProperties", "unevaluatedItems", "additionalItems", "contentSchema",
    ];

    /// <summary>Keywords whose value is an array of schemas.</summary>
    private static readonly string[] s_schemaArrayKeywords = ["anyOf", "oneOf", "allOf", "prefixItems"];

    /// <summary>Keywords whose value maps names to schemas.</summary>
    private static readonly string[] s_schemaMapKeywords = ["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"];

    /// <summary>The schema of a tool without parameters.</summary>
    public static JsonElement Empty { get; } = JsonSerializer.SerializeToElement(new JsonObject { ["type"] = "object", ["properties"] = new JsonObject() });

    /// <summary>Returns the normalised copy of <paramref name="schema"/>, or <see cref="Empty"/> when it is missing or null.</summary>
    public static JsonElement Normalize(JsonElement? schema)
    {
        if (schema is not { } element || element.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return Empty;
        }

        return JsonSerializer.SerializeToElement(Normalize(JsonNode.Parse(element.GetRawText())));
    }

    /// <summary>
    /// Returns the normalised copy of a tool's parameter schema: the root becomes an object schema with
    /// <c>properties</c>, and every subschema is cleaned as <see cref="NormalizeSubschema"/> describes.
    /// </summary>
    public static JsonObject Normalize(JsonNode? schema)
    {
        var root = schema is JsonObject json ? (JsonObject)json.DeepClone() : new JsonObject();
        NormalizeSubschema(root);
        if (root["type"] is not JsonValue type || type.GetValueKind() != JsonValueKind.String || type.GetValue<string>() != "object")
        {
            // A tool's arguments are always a JSON object, whatever type the source declared.
            root["type"] = "object";
        }

        if (root["properties"] is not JsonObject)
        {
            root["properties"] = new JsonObject();
        }

        return root;
    }

    /// <summary>
    /// Cleans one schema in place and recurses into its subschemas: <c>required</c> becomes an array of distinct
    /// strings and collects the draft-3 <c>"required": true</c> of its properties, <c>examples</c> becomes an array,
    /// and <c>null</c> where a schema is expected becomes <c>{}</c> (or is removed for optional keywords). Returns
    /// whether the schema carried a draft-3 <c>"required": true</c>, which its parent turns into a name in its own
    /// <c>required</c>.
    /// </summary>
    private static bool NormalizeSubschema(JsonObject schema)
    {
        var flaggedProperties = new List<string>();
        foreach (var keyword in s_schemaMapKeywords)
        {
            if (!schema.TryGetPropertyValue(keyword, out var map))
            {
                continue;
            }

            if (map is not JsonObject members)
            {
                schema.Remove(keyword);
                continue;
            }

            foreach (var name in members.Select(member => member.Key).ToList())
            {
                if (members[name] is JsonObject child && NormalizeSubschema(child) && keyword == "properties")
                {
                    flaggedProperties.Add(name);
                }
                else if (members[name] is not JsonObject)
                {
                    members[name] = Subschema(members[name]);
                }
            }
        }

        foreach (var keyword in s_schemaKeywords)
        {
            if (!schema.TryGetPropertyValue(keyword, out var value))
            {
                continue;
            }

            if (value is JsonObject child)
            {
                NormalizeSubschema(child);
            }
            else if (value is JsonArray tuple && keyword == "items")
            {
                // Draft 4 to 2019-09 wrote tuples as an array under items. Draft 2020-12 calls that prefixItems.
                schema.Remove(keyword);
                schema["prefixItems"] ??= new JsonArray(tuple.Select(item => (JsonNode)Subschema(item?.DeepClone())).ToArray());
            }
            else if (value is not JsonValue flag || flag.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
            {
                schema.Remove(keyword);
            }
        }

        foreach (var keyword in s_schemaArrayKeywords)
        {
            if (!schema.TryGetPropertyValue(keyword, out var value))
            {
                continue;
            }

            if (value is not JsonArray list || list.Count == 0)
            {
                schema.Remove(keyword);
                continue;
            }

            schema[keyword] = new JsonArray(list.Where(item => item is not null).Select(item => (JsonNode)Subschema(item!.DeepClone())).ToArray());
        }

        var flagged = NormalizeRequired(schema, flaggedProperties);
        WrapInArray(schema, "examples");
        WrapInArray(schema, "enum");
        if (schema.TryGetPropertyValue("type", out var type) && type is null)
        {
            schema.Remove("type");
        }

        return flagged;
    }

    /// <summary>Returns a cleaned subschema: objects are normalised, booleans kept, anything else becomes <c>{}</c>.</summary>
    private static JsonNode Subschema(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject child:
                NormalizeSubschema(child);
                return child;
            case JsonValue flag when flag.GetValueKind() is JsonValueKind.True or JsonValueKind.False:
                return flag;
            default:
                return new JsonObject();
        }
    }

    /// <summary>
    /// Rewrites <c>required</c> as an array of distinct strings that also lists <paramref name="flaggedProperties"/>.
    /// Returns whether <c>required</c> was the draft-3 boolean <see langword="true"/>.
    /// </summary>
    private static bool NormalizeRequired(JsonObject schema, List<string> flaggedProperties)
    {
        var names = new List<string>();
        var flagged = false;
        if (schema.TryGetPropertyValue("required", out var required))
        {
            switch (required)
            {
                case JsonArray list:
                    names.AddRange(list.OfType<JsonValue>().Where(item => item.GetValueKind() == JsonValueKind.String).Select(item => item.GetValue<string>()));
                    break;
                case JsonValue single when single.GetValueKind() == JsonValueKind.String:
                    names.Add(single.GetValue<string>());
                    break;
                case JsonValue single when single.GetValueKind() == JsonValueKind.True:
                    flagged = true;
                    break;
            }
        }

        names.AddRange(flaggedProperties);
        var distinct = names.Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Count == 0)
        {
            schema.Remove("required");
        }
        else
        {
            schema["required"] = new JsonArray(distinct.Select(name => (JsonNode)JsonValue.Create(name)).ToArray());
        }

        return flagged;
    }

    /// <summary>Wraps a single value of an array keyword in an array, and removes the keyword when it is null.</summary>
    private static void WrapInArray(JsonObject schema, string keyword)
    {
        if (!schema.TryGetPropertyValue(keyword, out var value) || value is JsonArray)
        {
            return;
        }

        if (value is null)
        {
            schema.Remove(keyword);
            return;
        }

        schema[keyword] = new JsonArray(value.DeepClone());
    }
}
