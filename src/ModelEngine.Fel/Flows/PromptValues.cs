using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ModelEngine.Fel;

/// <summary>Turns a flow item into the values a prompt template renders.</summary>
internal static class PromptValues
{
    /// <summary>The placeholder a plain string input fills.</summary>
    public const string InputKey = "input";

    /// <summary>
    /// Returns the values of <paramref name="item"/>: a dictionary's entries, a JSON object's properties, a string
    /// or other scalar under <c>input</c>, or an object's public properties by name. Names match case-insensitively.
    /// </summary>
    public static IReadOnlyDictionary<string, object?> From(object? item)
    {
        var values = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        switch (item)
        {
            case null:
                break;
            case JsonElement { ValueKind: JsonValueKind.Object } element:
                foreach (var property in element.EnumerateObject())
                {
                    values[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : property.Value.GetRawText();
                }

                break;
            case string or ValueType:
                values[InputKey] = item;
                break;
            case JsonObject json:
                foreach (var (name, node) in json)
                {
                    values[name] = node is JsonValue value && value.TryGetValue<string>(out var text) ? text : node?.ToJsonString();
                }

                break;
            case IEnumerable<KeyValuePair<string, object?>> pairs:
                foreach (var (name, value) in pairs)
                {
                    values[name] = value;
                }

                break;
            case IEnumerable<KeyValuePair<string, string>> pairs:
                foreach (var (name, value) in pairs)
                {
                    values[name] = value;
                }

                break;
            case IDictionary dictionary:
                foreach (DictionaryEntry entry in dictionary)
                {
                    values[Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture)!] = entry.Value;
                }

                break;
            default:
                foreach (var property in item.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
                {
                    if (property.GetIndexParameters().Length == 0)
                    {
                        values[property.Name] = property.GetValue(item);
                    }
                }

                break;
        }

        return values;
    }
}
