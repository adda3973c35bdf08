using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ModelEngine.Fel;

/// <summary>
/// Parses the prefix of a JSON value that a model is still streaming. Open strings, arrays and objects are
/// closed, and an incomplete trailing member (a half-written key, literal or number) is dropped, so the result is
/// the most complete value the prefix supports.
/// </summary>
public static class PartialJsonParser
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { AllowTrailingCommas = true };

    /// <summary>
    /// Returns the best JSON value for <paramref name="prefix"/>, or <see langword="null"/> when the prefix contains no
    /// object or array start yet. A markdown fence and prose before the value are skipped. Never throws on any text.
    /// </summary>
    /// <remarks>
    /// A number at the very end may still grow (<c>12</c> can become <c>125</c>), and a string at the end is
    /// returned as far as it has arrived.
    /// </remarks>
    public static JsonNode? Parse(string? prefix)
    {
        if (string.IsNullOrEmpty(prefix))
        {
            return null;
        }

        var text = SkipToValue(prefix);
        if (text is null)
        {
            return null;
        }

        var scan = JsonScanner.Scan(text);
        if (scan.Complete >= 0 && TryParse(text[..scan.Complete], out var whole))
        {
            return whole;
        }

        // Try the whole prefix first, then cut back to each earlier point between members.
        if (TryParse(Repair(text), out var node))
        {
            return node;
        }

        for (var i = scan.Cuts.Count - 1; i >= 0; i--)
        {
            if (TryParse(Repair(text[..scan.Cuts[i]]), out node))
            {
                return node;
            }
        }

        return null;
    }

    /// <summary>Returns the text from the first <c>{</c> or <c>[</c>, inside a code fence when one has opened.</summary>
    private static string? SkipToValue(string prefix)
    {
        var text = prefix;
        var fence = text.IndexOf("```", StringComparison.Ordinal);
        if (fence >= 0)
        {
            var lineEnd = text.IndexOf('\n', fence + 3);
            if (lineEnd < 0)
            {
                return null;
            }

            text = text[(lineEnd + 1)..];
            var close = text.IndexOf("```", StringComparison.Ordinal);
            if (close >= 0)
            {
                text = text[..close];
            }
        }

        var start = text.IndexOfAny(['{', '[']);
        return start < 0 ? null : text[start..];
    }

    /// <summary>
    /// Closes whatever <paramref name="text"/> left open: a string (dropping a half-written escape), a member
    /// waiting for its value after <c>:</c>, and every open array and object.
    /// </summary>
    private static string Repair(string text)
    {
        var scan = JsonScanner.Scan(text);
        var builder = new StringBuilder(text, text.Length + scan.Open.Count + 8);
        if (scan.InString)
        {
            TrimPartialEscape(builder);
            builder.Append('"');
        }

        var trimmed = builder.ToString().TrimEnd();
        builder.Clear().Append(trimmed);
        if (trimmed.EndsWith(':'))
        {
            builder.Append("null");
        }

        for (var i = scan.Open.Count - 1; i >= 0; i--)
        {
            builder.Append(scan.Open[i] == '{' ? '}' : ']');
        }

        return builder.ToString();
    }

    private static void TrimPartialEscape(StringBuilder builder)
    {
        // A trailing "\" or "\u12" cannot be closed into a valid string, so drop it.
        var text = builder.ToString();
        var backslash = text.LastIndexOf('\\');
        if (backslash < 0)
        {
            return;
        }

        var tail = text[backslash..];
        var escapes = 0;
        for (var i = backslash; i >= 0 && text[i] == '\\'; i--)
        {
            escapes++;
        }

        var dangling = tail.Length == 1 && escapes % 2 == 1;
        var partialUnicode = tail.Length > 1 && tail[1] == 'u' && tail.Length < 6 && escapes % 2 == 1;
        if (dangling || partialUnicode)
        {
            builder.Length = backslash;
        }
    }

    private static bool TryParse(string text, out JsonNode? node)
    {
        try
        {
            node = JsonNode.Parse(text, documentOptions: DocumentOptions);
            return node is not null;
        }
        catch (JsonException)
        {
            node = null;
            return false;
        }
    }
}
