using System.Text.Json;
using System.Text.Json.Nodes;
using ModelEngine.Workflows.Serialization;

namespace ModelEngine.Workflows.Models;

/// <summary>Converts CLR values to JSON nodes with the engine's serializer options.</summary>
public static class JsonValueFactory
{
    /// <summary>Converts <paramref name="value"/> to a detached JSON node.</summary>
    public static JsonNode? From(object? value) => value switch
    {
        null => null,
        JsonNode node => node.DeepClone(),
        JsonElement element => JsonNode.Parse(element.GetRawText()),
        _ => JsonSerializer.SerializeToNode(value, value.GetType(), WorkflowJson.Options),
    };
}
