using System.Text.Json;
using System.Text.Json.Nodes;

namespace ModelEngine.Fel.Tools;

/// <summary>Builds a tool's JSON schema from the <c>inputs</c> a workflow definition declares.</summary>
internal static class WorkflowInputSchema
{
    /// <summary>
    /// Returns the normalised schema of <paramref name="model"/>'s inputs. Each input becomes a property whose JSON
    /// type follows its declared type (<c>String</c>, <c>Int32</c>, <c>Boolean</c>, <c>String[]</c> and so on), with its
    /// description. Inputs without a <c>defaultValue</c> are required, so the model is not left to guess which ones the
    /// workflow needs.
    /// </summary>
    public static JsonElement Create(JsonObject model)
    {
        var properties = new JsonObject();
        var required = new JsonArray();
        foreach (var input in (Property(model, "inputs") as JsonArray ?? []).OfType<JsonObject>())
        {
            if (Text(input, "name") is not { Length: > 0 } name)
            {
                continue;
            }

            var typeName = Text(input, "type") ?? Text(input, "typeName") ?? "Object";
            var isArray = Property(input, "isArray") is JsonValue flag && flag.GetValueKind() == JsonValueKind.True;
            var schema = TypeSchema(typeName, isArray);
            var description = Text(input, "description") ?? Text(input, "displayName");
            if (description is not null)
            {
                schema["description"] = description;
            }

            if (Property(input, "defaultValue") is { } defaultValue)
            {
                schema["default"] = defaultValue.DeepClone();
            }
            else
            {
                required.Add(name);
            }

            properties[name] = schema;
        }

        var root = new JsonObject { ["type"] = "object", ["properties"] = properties };
        if (required.Count > 0)
        {
            root["required"] = required;
        }

        return JsonSerializer.SerializeToElement(ToolSchemas.Normalize(root));
    }

    /// <summary>Maps a definition type name (the short .NET name, as the designer writes it) to a JSON schema.</summary>
    private static JsonObject TypeSchema(string typeName, bool isArray)
    {
        if (typeName.EndsWith("[]", StringComparison.Ordinal))
        {
            return new JsonObject { ["type"] = "array", ["items"] = TypeSchema(typeName[..^2], isArray) };
        }

        if (isArray)
        {
            return new JsonObject { ["type"] = "array", ["items"] = TypeSchema(typeName, isArray: false) };
        }

        var shortName = typeName.Contains('.', StringComparison.Ordinal) ? typeName[(typeName.LastIndexOf('.') + 1)..] : typeName;
        return shortName.ToLowerInvariant() switch
        {
            "string" or "char" or "guid" => new JsonObject { ["type"] = "string" },
            "int16" or "int32" or "int64" or "uint16" or "uint32" or "uint64" or "byte" or "sbyte" or "short" or "int" or "long" => new JsonObject { ["type"] = "integer" },
            "single" or "double" or "decimal" or "float" => new JsonObject { ["type"] = "number" },
            "boolean" or "bool" => new JsonObject { ["type"] = "boolean" },
            "datetime" or "datetimeoffset" => new JsonObject { ["type"] = "string", ["format"] = "date-time" },
            "dateonly" => new JsonObject { ["type"] = "string", ["format"] = "date" },
            "timespan" => new JsonObject { ["type"] = "string", ["format"] = "duration" },
            _ => [],
        };
    }

    private static JsonNode? Property(JsonObject json, string name) =>
        json.TryGetPropertyValue(name, out var node) ? node
        : json.TryGetPropertyValue(char.ToUpperInvariant(name[0]) + name[1..], out node) ? node
        : null;

    private static string? Text(JsonObject json, string name) =>
        Property(json, name) is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
