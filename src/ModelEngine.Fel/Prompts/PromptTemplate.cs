using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ModelEngine.Fel;

/// <summary>
/// A text template with <c>{{name}}</c> placeholders. Rendering is strict: a placeholder without a value throws
/// <see cref="PromptTemplateException"/> that names it, so a prompt never reaches a model with a hole in it.
/// </summary>
/// <remarks>
/// Names may contain letters, digits, <c>_</c>, <c>-</c> and <c>.</c>. Spaces inside the braces are ignored.
/// <c>{{{{</c> writes a literal <c>{{</c>. A value that is not a string is written as JSON, except numbers and booleans,
/// which are written in invariant culture.
/// </remarks>
public sealed class PromptTemplate
{
    private readonly List<Segment> _segments;

    private PromptTemplate(string text, List<Segment> segments, IReadOnlyList<string> variables)
    {
        Text = text;
        _segments = segments;
        Variables = variables;
    }

    /// <summary>The template as written.</summary>
    public string Text { get; }

    /// <summary>The distinct placeholder names, in order of first use.</summary>
    public IReadOnlyList<string> Variables { get; }

    /// <summary>Parses <paramref name="text"/>.</summary>
    /// <exception cref="PromptTemplateException">A placeholder is not closed or has an invalid name.</exception>
    public static PromptTemplate Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var segments = new List<Segment>();
        var variables = new List<string>();
        var literal = new StringBuilder();
        var position = 0;
        while (position < text.Length)
        {
            var open = text.IndexOf("{{", position, StringComparison.Ordinal);
            if (open < 0)
            {
                literal.Append(text, position, text.Length - position);
                break;
            }

            literal.Append(text, position, open - position);
            if (string.CompareOrdinal(text, open, "{{{{", 0, 4) == 0)
            {
                literal.Append("{{");
                position = open + 4;
                continue;
            }

            var close = text.IndexOf("}}", open + 2, StringComparison.Ordinal);
            if (close < 0)
            {
                throw new PromptTemplateException(
                    $"The template has '{{{{' at offset {open} without a closing '}}}}'. Close the placeholder, or write '{{{{{{{{' for literal braces.", null);
            }

            var name = text[(open + 2)..close].Trim();
            if (!IsValidName(name))
            {
                throw new PromptTemplateException(
                    $"The template has the placeholder '{{{{{name}}}}}' at offset {open}, which is not a valid name. Use letters, digits, '_', '-' and '.'.", name);
            }

            if (literal.Length > 0)
            {
                segments.Add(new Segment(literal.ToString(), IsPlaceholder: false));
                literal.Clear();
            }

            segments.Add(new Segment(name, IsPlaceholder: true));
            if (!variables.Contains(name, StringComparer.Ordinal))
            {
                variables.Add(name);
            }

            position = close + 2;
        }

        if (literal.Length > 0)
        {
            segments.Add(new Segment(literal.ToString(), IsPlaceholder: false));
        }

        return new PromptTemplate(text, segments, variables);
    }

    /// <summary>Renders the template with <paramref name="values"/>.</summary>
    /// <exception cref="PromptTemplateException">A placeholder has no value. The message names it and the keys given.</exception>
    public string Render(IReadOnlyDictionary<string, object?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var builder = new StringBuilder(Text.Length);
        foreach (var segment in _segments)
        {
            if (!segment.IsPlaceholder)
            {
                builder.Append(segment.Value);
                continue;
            }

            if (!values.TryGetValue(segment.Value, out var value))
            {
                var given = values.Count == 0 ? "none" : string.Join(", ", values.Keys.Order(StringComparer.Ordinal).Select(k => $"'{k}'"));
                throw new PromptTemplateException(
                    $"The template needs a value for '{{{{{segment.Value}}}}}', and none was given (keys given: {given}). Pass a value named '{segment.Value}', or remove the placeholder.",
                    segment.Value);
            }

            builder.Append(Format(value));
        }

        return builder.ToString();
    }

    /// <summary>Writes a value into a prompt: strings as they are, numbers and booleans in invariant culture, anything else as JSON.</summary>
    public static string Format(object? value) => value switch
    {
        null => string.Empty,
        string text => text,
        bool flag => flag ? "true" : "false",
        IFormattable formattable when value is int or long or double or float or decimal or short or byte =>
            formattable.ToString(null, CultureInfo.InvariantCulture),
        JsonValue json when json.GetValueKind() == JsonValueKind.String => json.GetValue<string>(),
        JsonNode node => node.ToJsonString(),
        JsonElement { ValueKind: JsonValueKind.String } element => element.GetString() ?? string.Empty,
        JsonElement element => element.GetRawText(),
        _ => JsonSerializer.Serialize(value, value.GetType()),
    };

    private static bool IsValidName(string name) =>
        name.Length > 0 && name.All(c => char.IsLetterOrDigit(c) || c is '_' or '-' or '.');

    private readonly record struct Segment(string Value, bool IsPlaceholder);
}
