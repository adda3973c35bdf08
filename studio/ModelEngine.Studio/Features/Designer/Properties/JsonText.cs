using System.Text.Json;
using System.Text.Json.Nodes;

namespace ModelEngine.Studio.Features.Designer.Properties;

/// <summary>Reads JSON nodes as the text the editors show.</summary>
internal static class JsonText
{
    /// <summary>Returns a string value as it is, another scalar as its JSON text, and <see langword="null"/> for null or a missing node.</summary>
    public static string? AsString(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        JsonValue value => value.ToJsonString(),
        _ => node.ToJsonString(),
    };
}
