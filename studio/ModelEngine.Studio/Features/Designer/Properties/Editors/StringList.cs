using System.Text.Json;
using System.Text.Json.Nodes;

namespace ModelEngine.Studio.Features.Designer.Properties.Editors;

/// <summary>Reads and writes the string lists of the chip and multiple-picker editors.</summary>
public static class StringList
{
    /// <summary>
    /// Reads a JSON array of strings, or JSON text of one (as an <c>Object</c> expression in Elsa files carries it), or a
    /// single string as a one-item list. Anything else reads as an empty list.
    /// </summary>
    public static IReadOnlyList<string> Read(JsonNode? value)
    {
        if (value is JsonArray array)
        {
            return [.. array.Select(JsonText.AsString).OfType<string>()];
        }

        if (JsonText.AsString(value) is not { Length: > 0 } text)
        {
            return [];
        }

        if (!text.TrimStart().StartsWith('['))
        {
            return [text];
        }

        try
        {
            return JsonNode.Parse(text) is JsonArray parsed ? Read(parsed) : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    /// <summary>Writes the items as a JSON array of strings.</summary>
    public static JsonArray Write(IEnumerable<string> items) => [.. items.Select(item => (JsonNode?)JsonValue.Create(item))];
}
