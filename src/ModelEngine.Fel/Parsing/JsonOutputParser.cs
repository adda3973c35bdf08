using System.Text.Json;
using System.Text.Json.Nodes;

namespace ModelEngine.Fel;

/// <summary>
/// Reads the JSON value out of a model's text output. The value may be wrapped in a markdown code fence
/// (<c>```json … ```</c>) or surrounded by prose, as chat models often write it.
/// </summary>
public static class JsonOutputParser
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
    };

    /// <summary>Parses the first complete JSON object or array in <paramref name="output"/>, or the whole output as a JSON scalar.</summary>
    /// <exception cref="FelParseException">The output contains no complete JSON value.</exception>
    public static JsonNode? Parse(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (TryParse(output, out var node, out var error))
        {
            return node;
        }

        throw new FelParseException(output, [new FelParseError(string.Empty, null, "json", error!)]);
    }

    /// <summary>Parses the output's JSON value and deserializes it to <typeparamref name="T"/>.</summary>
    /// <exception cref="FelParseException">The output contains no JSON value, or the value does not fit <typeparamref name="T"/>.</exception>
    public static T Parse<T>(string output, JsonSerializerOptions? options = null)
    {
        var node = Parse(output);
        try
        {
            return node.Deserialize<T>(options ?? JsonSerializerOptions.Web)
                ?? throw new JsonException($"The JSON value is null, but {typeof(T).Name} was expected.");
        }
        catch (JsonException exception)
        {
            var path = exception.Path is { Length: > 1 } jsonPath ? jsonPath.TrimStart('$').Replace('.', '/') : string.Empty;
            throw new FelParseException(
                output,
                [new FelParseError(path, node?.ToJsonString(), "deserialize", exception.Message)],
                exception);
        }
    }

    /// <summary>
    /// Tries to parse the output's JSON value. Fenced blocks are tried first, then every <c>{</c> or <c>[</c> in
    /// order, then the whole trimmed output (a bare number, string or literal).
    /// </summary>
    public static bool TryParse(string output, out JsonNode? node, out string? error)
    {
        ArgumentNullException.ThrowIfNull(output);
        foreach (var fenced in FencedBlocks(output))
        {
            if (TryParseValue(fenced.Trim(), out node) || TryParseEmbedded(fenced, out node))
            {
                error = null;
                return true;
            }
        }

        if (TryParseEmbedded(output, out node) || TryParseValue(output.Trim(), out node))
        {
            error = null;
            return true;
        }

        node = null;
        error = output.Trim().Length == 0
            ? "The output is empty, but a JSON value was expected."
            : "The output contains no complete JSON object, array or value.";
        return false;
    }

    /// <summary>Returns the contents of each markdown code fence (<c>```</c> with an optional language tag), in order.</summary>
    internal static IEnumerable<string> FencedBlocks(string output)
    {
        var position = 0;
        while (true)
        {
            var open = output.IndexOf("```", position, StringComparison.Ordinal);
            if (open < 0)
            {
                yield break;
            }

            // The language tag runs to the end of the opening line.
            var lineEnd = output.IndexOf('\n', open + 3);
            if (lineEnd < 0)
            {
                yield break;
            }

            var close = output.IndexOf("```", lineEnd + 1, StringComparison.Ordinal);
            if (close < 0)
            {
                yield break;
            }

            yield return output[(lineEnd + 1)..close];
            position = close + 3;
        }
    }

    private static bool TryParseEmbedded(string text, out JsonNode? node)
    {
        for (var start = 0; start < text.Length; start++)
        {
            if (text[start] is not ('{' or '['))
            {
                continue;
            }

            var end = JsonScanner.FindValueEnd(text, start);
            if (end > start && TryParseValue(text[start..end], out node))
            {
                return true;
            }
        }

        node = null;
        return false;
    }

    private static bool TryParseValue(string text, out JsonNode? node)
    {
        node = null;
        if (text.Length == 0)
        {
            return false;
        }

        try
        {
            node = JsonNode.Parse(text, documentOptions: DocumentOptions);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
