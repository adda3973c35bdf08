using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace ModelEngine.Fel.Workflows.Parsing;

/// <summary>
/// Reads a model's response as JSON for the Parse activity: it strips a markdown code fence, or text around the JSON, and
/// checks the value against an optional JSON Schema.
/// </summary>
/// <remarks>
/// TODO: replace with the FEL core's output parser (partial JSON while streaming) once it is available. Only
/// <see cref="Activities.Parse"/> calls this class, so the swap touches that activity alone.
/// </remarks>
internal static class LocalJsonOutputParser
{
    /// <summary>Parses <paramref name="text"/> and validates it against <paramref name="schema"/> when one is given.</summary>
    /// <exception cref="FormatException">The text contains no valid JSON, the schema is invalid, or the value does not satisfy it.</exception>
    public static JsonNode? Parse(string text, JsonNode? schema)
    {
        ArgumentNullException.ThrowIfNull(text);
        var json = ExtractJson(text);
        JsonNode? value;
        try
        {
            value = JsonNode.Parse(json);
        }
        catch (JsonException exception)
        {
            throw new FormatException($"The text is not valid JSON: {exception.Message} Text: {Shorten(text)}", exception);
        }

        if (schema is not null)
        {
            Validate(value, schema);
        }

        return value;
    }

    /// <summary>Returns the JSON part of the text: the content of the first code fence, or the span from the first '{' or '[' to the last matching bracket.</summary>
    internal static string ExtractJson(string text)
    {
        var trimmed = text.Trim();
        var fence = trimmed.IndexOf("```", StringComparison.Ordinal);
        if (fence >= 0)
        {
            var contentStart = trimmed.IndexOf('\n', fence);
            var close = contentStart < 0 ? -1 : trimmed.IndexOf("```", contentStart, StringComparison.Ordinal);
            if (contentStart >= 0)
            {
                // An unclosed fence, as a cut-off response may have, runs to the end of the text.
                return (close < 0 ? trimmed[(contentStart + 1)..] : trimmed[(contentStart + 1)..close]).Trim();
            }
        }

        if (trimmed.Length == 0 || trimmed[0] is '{' or '[' or '"' || char.IsDigit(trimmed[0]) || trimmed[0] == '-'
            || trimmed is "true" or "false" or "null")
        {
            return trimmed;
        }

        var start = trimmed.IndexOfAny(['{', '[']);
        if (start < 0)
        {
            return trimmed;
        }

        var closing = trimmed[start] == '{' ? '}' : ']';
        var end = trimmed.LastIndexOf(closing);
        return end > start ? trimmed[start..(end + 1)] : trimmed[start..];
    }

    private static void Validate(JsonNode? value, JsonNode schema)
    {
        JsonSchema parsed;
        try
        {
            parsed = JsonSchema.FromText(schema.ToJsonString());
        }
        catch (Exception exception) when (exception is JsonException or ArgumentException or InvalidOperationException or NotSupportedException)
        {
            throw new FormatException($"The schema is not a valid JSON Schema: {exception.Message}", exception);
        }

        var instance = JsonSerializer.SerializeToElement(value);
        var results = parsed.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid)
        {
            return;
        }

        var problems = (results.Details ?? [])
            .Where(detail => detail.Errors is { Count: > 0 })
            .SelectMany(detail => detail.Errors!.Values.Select(message => $"{Location(detail.InstanceLocation.ToString())}: {message}"))
            .Distinct()
            .ToList();
        var listed = problems.Count == 0 ? "it does not satisfy the schema" : string.Join("; ", problems);
        throw new FormatException($"The JSON does not match the schema: {listed}. Value: {Shorten(value?.ToJsonString() ?? "null")}");
    }

    private static string Location(string pointer) => pointer.Length == 0 ? "(root)" : pointer;

    private static string Shorten(string text) => text.Length <= 200 ? text : string.Concat(text.AsSpan(0, 200), "…");
}
