using System.Text.Json;
using System.Text.Json.Nodes;

namespace ModelEngine.Fel;

/// <summary>Builds the prompt text that requests an answer with JSON matching a schema.</summary>
public static class JsonFormatInstructions
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>
    /// Returns an instruction that shows the schema and requests one JSON value that conforms to it, with no prose
    /// and no markdown fence. Put it in the system or human message, for example through a <c>{{format}}</c> placeholder.
    /// </summary>
    public static string Create(JsonNode schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return "Answer with one JSON value that conforms to the JSON Schema below. " +
            "Write only the JSON: no explanation before or after it and no markdown code fence. " +
            "Include every property listed under \"required\", and use the types the schema gives.\n" +
            "JSON Schema:\n" +
            schema.ToJsonString(Indented);
    }

    /// <summary>Returns the instruction for the schema in <paramref name="schemaJson"/>.</summary>
    public static string Create(string schemaJson)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(schemaJson);
        return Create(JsonNode.Parse(schemaJson) ?? throw new ArgumentException("The JSON Schema is the literal null.", nameof(schemaJson)));
    }
}
