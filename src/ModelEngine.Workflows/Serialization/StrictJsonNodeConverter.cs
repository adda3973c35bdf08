using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ModelEngine.Workflows.Serialization;

/// <summary>
/// Reads JSON nodes from untrusted input and rejects an object with two values for one key with a
/// <see cref="JsonException"/>. System.Text.Json 10 throws <see cref="ArgumentException"/> for that case when it
/// builds a <see cref="JsonObject"/>, which a host would report as a server error instead of bad input.
/// </summary>
public sealed class StrictJsonNodeConverter<TNode> : JsonConverter<TNode>
    where TNode : JsonNode
{
    private static readonly JsonDocumentOptions s_documentOptions = new() { AllowDuplicateProperties = false, MaxDepth = 256 };

    public override TNode? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var element = JsonElement.ParseValue(ref reader);
        var node = JsonNode.Parse(element.GetRawText(), new JsonNodeOptions { PropertyNameCaseInsensitive = false }, s_documentOptions);
        return node switch
        {
            null => null,
            TNode typed => typed,
            _ => throw new JsonException($"Expected a JSON {Describe(typeof(TNode))} but found {element.ValueKind}."),
        };
    }

    public override void Write(Utf8JsonWriter writer, TNode value, JsonSerializerOptions options) => value.WriteTo(writer, options);

    private static string Describe(Type type) =>
        type == typeof(JsonObject) ? "object" : type == typeof(JsonArray) ? "array" : "value";
}
