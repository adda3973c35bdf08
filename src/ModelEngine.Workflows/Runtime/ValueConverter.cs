using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using ModelEngine.Workflows.Models;
using ModelEngine.Workflows.Serialization;

namespace ModelEngine.Workflows.Runtime;

/// <summary>
/// Converts evaluated expression values (JSON nodes, strings or CLR values) to the type an input declares. Strings
/// convert to numbers, booleans and durations the way a designer types them.
/// </summary>
public static class ValueConverter
{
    public static T? Convert<T>(object? value)
    {
        if (value is null)
        {
            return default;
        }

        if (value is T typed && !(typeof(T) == typeof(object) && value is not JsonNode))
        {
            return typed;
        }

        if (typeof(JsonNode).IsAssignableFrom(typeof(T)))
        {
            return (T?)(object?)JsonValueFactory.From(value);
        }

        var node = value as JsonNode ?? JsonValueFactory.From(value);
        if (node is null)
        {
            return default;
        }

        return (T?)ConvertNode(node, typeof(T));
    }

    private static object? ConvertNode(JsonNode node, Type target)
    {
        var underlying = Nullable.GetUnderlyingType(target) ?? target;
        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            var text = value.GetValue<string>();
            return ConvertText(text, underlying, node);
        }

        if (underlying == typeof(string))
        {
            return node is JsonValue ? node.ToJsonString().Trim('"') : node.ToJsonString();
        }

        if (underlying == typeof(object))
        {
            return node;
        }

        return node.Deserialize(target, WorkflowJson.Options);
    }

    private static object? ConvertText(string text, Type target, JsonNode node)
    {
        if (target == typeof(string))
        {
            return text;
        }

        if (target == typeof(object))
        {
            return node;
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (target == typeof(bool))
        {
            return bool.Parse(text);
        }

        if (target == typeof(TimeSpan))
        {
            return ParseDuration(text);
        }

        if (target == typeof(DateTimeOffset))
        {
            return DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        }

        if (target.IsEnum)
        {
            return Enum.Parse(target, text, ignoreCase: true);
        }

        if (target.IsPrimitive || target == typeof(decimal))
        {
            return System.Convert.ChangeType(text, target, CultureInfo.InvariantCulture);
        }

        if (target == typeof(string[]) || target == typeof(List<string>) || target == typeof(IReadOnlyList<string>))
        {
            var trimmed = text.Trim();
            var items = trimmed.StartsWith('[')
                ? JsonSerializer.Deserialize<string[]>(trimmed, WorkflowJson.Options) ?? []
                : trimmed.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return target == typeof(List<string>) ? items.ToList() : items;
        }

        // Other types (objects, arrays of numbers) arrive as JSON text.
        return JsonSerializer.Deserialize(text, target, WorkflowJson.Options);
    }

    /// <summary>Parses <c>hh:mm:ss</c>, <c>d.hh:mm:ss</c> or an ISO 8601 duration such as <c>PT5M</c>.</summary>
    public static TimeSpan ParseDuration(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.StartsWith('P') || trimmed.StartsWith("-P", StringComparison.Ordinal))
        {
            return XmlConvert.ToTimeSpan(trimmed);
        }

        return TimeSpan.Parse(trimmed, CultureInfo.InvariantCulture);
    }
}
