using System.Text.Json;
using System.Text.Json.Nodes;
using ModelEngine.Workflows.Runtime;
using ModelEngine.Workflows.Validation;

namespace ModelEngine.HumanTasks.Activities;

/// <summary>Reads the fields of object inputs such as <c>approvalPolicy</c>, collecting a message for each bad field.</summary>
internal sealed class InputJson
{
    private readonly string _activityId;
    private readonly List<ValidationError> _errors;

    public InputJson(string activityId, List<ValidationError> errors)
    {
        _activityId = activityId;
        _errors = errors;
    }

    /// <summary>The number of errors so far, so that a caller can tell whether its own fields added any.</summary>
    public int ErrorCount => _errors.Count;

    /// <summary>
    /// Returns <paramref name="value"/> as an object. A string that contains JSON text is parsed, and an empty value is
    /// <see langword="null"/>. Anything else adds an error for <paramref name="input"/>.
    /// </summary>
    public JsonObject? ReadObject(object? value, string input, string example)
    {
        var node = value as JsonNode ?? Workflows.Models.JsonValueFactory.From(value);
        if (node is JsonValue text && text.TryGetValue(out string? json))
        {
            if (string.IsNullOrWhiteSpace(json))
            {
                return null;
            }

            try
            {
                node = JsonNode.Parse(json);
            }
            catch (JsonException)
            {
                node = text;
            }
        }

        if (node is null or JsonObject)
        {
            return (JsonObject?)node;
        }

        Add(input, node.ToJsonString(), $"'{input}' is {node.ToJsonString()}, but it must be a JSON object such as {example}.");
        return null;
    }

    public string? ReadString(JsonObject source, string input, string field)
    {
        var node = source[field];
        if (node is null)
        {
            return null;
        }

        if (node is JsonValue value && value.TryGetValue(out string? text))
        {
            return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        }

        Add($"{input}.{field}", node.ToJsonString(), $"'{input}.{field}' is {node.ToJsonString()}, but it must be a string.");
        return null;
    }

    public int? ReadInt(JsonObject source, string input, string field)
    {
        var node = source[field];
        if (node is null)
        {
            return null;
        }

        if (node is JsonValue value
            && (value.TryGetValue(out int number) || (value.TryGetValue(out string? text) && int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out number))))
        {
            return number;
        }

        // Script engines hand whole numbers over as doubles, such as 2.0.
        if (node is JsonValue real
            && real.GetValueKind() == JsonValueKind.Number
            && decimal.TryParse(real.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var fraction)
            && fraction == decimal.Truncate(fraction)
            && fraction is >= int.MinValue and <= int.MaxValue)
        {
            return (int)fraction;
        }

        Add($"{input}.{field}", node.ToJsonString(), $"'{input}.{field}' is {node.ToJsonString()}, but it must be a whole number.");
        return null;
    }

    public bool ReadBool(JsonObject source, string input, string field)
    {
        var node = source[field];
        if (node is null)
        {
            return false;
        }

        if (node is JsonValue value && (value.TryGetValue(out bool flag) || (value.TryGetValue(out string? text) && bool.TryParse(text, out flag))))
        {
            return flag;
        }

        Add($"{input}.{field}", node.ToJsonString(), $"'{input}.{field}' is {node.ToJsonString()}, but it must be true or false.");
        return false;
    }

    /// <summary>Reads a duration written as ISO 8601 (<c>PT4H</c>) or as <c>[d.]hh:mm:ss</c>.</summary>
    public TimeSpan? ReadDuration(JsonObject source, string input, string field)
    {
        var text = ReadString(source, input, field);
        if (text is null)
        {
            return null;
        }

        try
        {
            return ValueConverter.ParseDuration(text);
        }
        catch (Exception exception) when (exception is FormatException or OverflowException)
        {
            Add($"{input}.{field}", text, $"'{input}.{field}' is '{text}', which is not a duration. Write it as ISO 8601, such as PT4H or P2D, or as hh:mm:ss.");
            return null;
        }
    }

    public IReadOnlyList<string>? ReadStrings(JsonObject source, string input, string field)
    {
        var node = source[field];
        if (node is null)
        {
            return null;
        }

        if (node is JsonArray array && array.All(item => item is JsonValue value && value.TryGetValue(out string? _)))
        {
            return array.Select(item => item!.GetValue<string>().Trim()).ToList();
        }

        Add($"{input}.{field}", node.ToJsonString(), $"'{input}.{field}' is {node.ToJsonString()}, but it must be an array of strings, such as [\"bob\", \"group:finance\"].");
        return null;
    }

    /// <summary>Adds an error whose message starts with the activity, so that it reads well alone in a fault.</summary>
    public void Add(string input, string? value, string message) =>
        _errors.Add(new ValidationError(_activityId, input, value, $"Activity '{_activityId}' (UserTask): {message}"));
}
