using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml;

namespace ModelEngine.Studio.Forms;

/// <summary>
/// Reads the text a user typed for a workflow input into the JSON value that dispatch sends, or into an error that
/// describes what the input accepts. The run dialog and the start form share it, so both accept the same text.
/// </summary>
/// <remarks>
/// Parsing never depends on the UI culture: numbers use the invariant form, with a point (<c>.</c>) as the decimal
/// separator, an optional exponent (<c>1.5e3</c>) and no group separators, so <c>12,5</c> is an error instead of 125.
/// zh-CN uses the point as well, so Chinese users type the same text. The full-width forms that a Chinese input method
/// produces in full-width mode (<c>１２．５</c>, <c>－３</c>) are read as their ASCII forms for numbers, dates and
/// durations. The ideographic full stop (<c>。</c>) and comma (<c>，</c>) are not separators and give an error.
/// </remarks>
public static partial class TypedInputParser
{
    private static readonly string[] DateTimeFormats =
    [
        "yyyy-MM-dd",
        "yyyy-MM-ddTHH:mm",
        "yyyy-MM-ddTHH:mm:ss",
        "yyyy-MM-ddTHH:mm:ss.FFFFFFF",
        "yyyy-MM-ddTHH:mmK",
        "yyyy-MM-ddTHH:mm:ssK",
        "yyyy-MM-ddTHH:mm:ss.FFFFFFFK",
    ];

    /// <summary>
    /// Maps a workflow input's type name, with or without its namespace, to a kind. An array (<paramref name="isArray"/>
    /// or a name ending in <c>[]</c>) is a JSON array, and an unknown type is text.
    /// </summary>
    public static TypedInputKind KindOf(string? typeName, bool isArray = false)
    {
        var name = ShortTypeName(typeName ?? string.Empty);
        if (isArray || name.EndsWith("[]", StringComparison.Ordinal))
        {
            return TypedInputKind.JsonArray;
        }

        return name.ToUpperInvariant() switch
        {
            "BYTE" => TypedInputKind.Byte,
            "INT16" or "SHORT" => TypedInputKind.Int16,
            "INT32" or "INT" => TypedInputKind.Int32,
            "INT64" or "LONG" => TypedInputKind.Int64,
            "DECIMAL" => TypedInputKind.Decimal,
            "DOUBLE" or "NUMBER" => TypedInputKind.Double,
            "SINGLE" or "FLOAT" => TypedInputKind.Single,
            "BOOLEAN" or "BOOL" => TypedInputKind.Boolean,
            "DATETIME" or "DATETIMEOFFSET" => TypedInputKind.DateTime,
            "DATEONLY" => TypedInputKind.Date,
            "TIMESPAN" or "DURATION" => TypedInputKind.Duration,
            "OBJECT" or "JSONNODE" or "JSONELEMENT" or "JSON" => TypedInputKind.Json,
            "EXPANDOOBJECT" or "JSONOBJECT" or "DICTIONARY" => TypedInputKind.JsonObject,
            "ARRAY" or "JSONARRAY" or "LIST" => TypedInputKind.JsonArray,
            _ => TypedInputKind.Text,
        };
    }

    /// <summary>Whether the kind is a whole number.</summary>
    public static bool IsInteger(TypedInputKind kind) => kind is TypedInputKind.Byte or TypedInputKind.Int16 or TypedInputKind.Int32 or TypedInputKind.Int64;

    /// <summary>Whether the kind is a whole or fractional number.</summary>
    public static bool IsNumber(TypedInputKind kind) => IsInteger(kind) || kind is TypedInputKind.Decimal or TypedInputKind.Double or TypedInputKind.Single;

    /// <summary>Whether the kind takes JSON text.</summary>
    public static bool IsJson(TypedInputKind kind) => kind is TypedInputKind.Json or TypedInputKind.JsonObject or TypedInputKind.JsonArray;

    /// <summary>
    /// The key of <see cref="TypedInputResources"/> with an example of what <paramref name="kind"/> accepts, for the
    /// field's helper text, or <see langword="null"/> for text and checkboxes.
    /// </summary>
    public static string? HintKey(TypedInputKind kind) => kind switch
    {
        _ when IsInteger(kind) => "HintInteger",
        _ when IsNumber(kind) => "HintNumber",
        TypedInputKind.DateTime => "HintDateTime",
        TypedInputKind.Date => "HintDate",
        TypedInputKind.Duration => "HintDuration",
        TypedInputKind.Json => "HintJson",
        TypedInputKind.JsonObject => "HintJsonObject",
        TypedInputKind.JsonArray => "HintJsonArray",
        _ => null,
    };

    /// <summary>
    /// Reads <paramref name="text"/> as a value of <paramref name="kind"/>. Blank text gives an empty result. Text is
    /// sent as typed, and the other kinds ignore spaces around the value.
    /// </summary>
    public static TypedInputResult Parse(TypedInputKind kind, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return TypedInputResult.Empty;
        }

        if (kind == TypedInputKind.Text)
        {
            return TypedInputResult.Of(JsonValue.Create(text));
        }

        if (IsJson(kind))
        {
            return ParseJson(kind, text);
        }

        var value = ToAscii(text.Trim());
        return kind switch
        {
            TypedInputKind.Byte => ParseInteger(value, byte.MinValue, byte.MaxValue),
            TypedInputKind.Int16 => ParseInteger(value, short.MinValue, short.MaxValue),
            TypedInputKind.Int32 => ParseInteger(value, int.MinValue, int.MaxValue),
            TypedInputKind.Int64 => ParseInteger(value, long.MinValue, long.MaxValue),
            TypedInputKind.Decimal or TypedInputKind.Double or TypedInputKind.Single => ParseNumber(kind, value),
            TypedInputKind.Boolean => bool.TryParse(value, out var flag)
                ? TypedInputResult.Of(JsonValue.Create(flag))
                : TypedInputResult.Fail("NotBoolean", value),
            TypedInputKind.DateTime => ParseDateTime(value, DateTimeFormats),
            TypedInputKind.Date => ParseDateTime(value, [DateTimeFormats[0]]),
            TypedInputKind.Duration => ParseDuration(value),
            _ => TypedInputResult.Of(JsonValue.Create(text)),
        };
    }

    private static TypedInputResult ParseInteger(string text, long minimum, long maximum)
    {
        if (!IntegerPattern().IsMatch(text))
        {
            return TypedInputResult.Fail("NotInteger", text, Invariant(minimum), Invariant(maximum));
        }

        var whole = BigInteger.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return whole < minimum || whole > maximum
            ? TypedInputResult.Fail("IntegerOutOfRange", text, Invariant(minimum), Invariant(maximum))
            : TypedInputResult.Of(JsonValue.Create((long)whole));
    }

    private static TypedInputResult ParseNumber(TypedInputKind kind, string text)
    {
        if (!NumberPattern().IsMatch(text))
        {
            return TypedInputResult.Fail("NotNumber", text);
        }

        // double.Parse reads every text the pattern lets through, and a value beyond the range of double reads as infinity.
        // The ranges in the messages are the type's limits rounded toward zero, which are shorter to read than the exact ones.
        var number = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        switch (kind)
        {
            case TypedInputKind.Decimal:
                return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var exact)
                    ? TypedInputResult.Of(JsonValue.Create(exact))
                    : TypedInputResult.Fail("NumberOutOfRange", text, "-7.9E+28", "7.9E+28");
            case TypedInputKind.Single:
                return double.IsFinite(number) && Math.Abs(number) <= float.MaxValue
                    ? TypedInputResult.Of(JsonValue.Create((float)number))
                    : TypedInputResult.Fail("NumberOutOfRange", text, "-3.4E+38", "3.4E+38");
            default:
                return double.IsFinite(number)
                    ? TypedInputResult.Of(JsonValue.Create(number))
                    : TypedInputResult.Fail("NumberOutOfRange", text, "-1.7E+308", "1.7E+308");
        }
    }

    private static TypedInputResult ParseDateTime(string text, string[] formats) =>
        DateTime.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _)
            ? TypedInputResult.Of(JsonValue.Create(text))
            : TypedInputResult.Fail(formats.Length == 1 ? "NotDate" : "NotDateTime", text);

    private static TypedInputResult ParseDuration(string text)
    {
        if (TimeSpan.TryParseExact(text, "c", CultureInfo.InvariantCulture, out var duration))
        {
            return TypedInputResult.Of(JsonValue.Create(duration.ToString("c", CultureInfo.InvariantCulture)));
        }

        if (text.StartsWith('P') || text.StartsWith("-P", StringComparison.Ordinal))
        {
            try
            {
                return TypedInputResult.Of(JsonValue.Create(XmlConvert.ToTimeSpan(text).ToString("c", CultureInfo.InvariantCulture)));
            }
            catch (FormatException)
            {
                // Falls through to the error below.
            }
            catch (OverflowException)
            {
                // Falls through to the error below.
            }
        }

        return TypedInputResult.Fail("NotDuration", text);
    }

    private static TypedInputResult ParseJson(TypedInputKind kind, string text)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(text);
        }
        catch (JsonException exception)
        {
            var line = (int)(exception.LineNumber ?? 0);
            return TypedInputResult.Fail("NotJson", line + 1, CharacterPosition(text, line, exception.BytePositionInLine ?? 0) + 1);
        }

        return kind switch
        {
            TypedInputKind.JsonObject when node is not JsonObject => TypedInputResult.Fail("NotJsonObject"),
            TypedInputKind.JsonArray when node is not JsonArray => TypedInputResult.Fail("NotJsonArray"),
            _ => TypedInputResult.Of(node),
        };
    }

    // The reader counts UTF-8 bytes within the line, but a user counts characters, which differ for Chinese text.
    private static int CharacterPosition(string text, int line, long bytePosition)
    {
        var lines = text.Split('\n');
        if (line >= lines.Length)
        {
            return (int)bytePosition;
        }

        var bytes = Encoding.UTF8.GetBytes(lines[line]);
        return Encoding.UTF8.GetCharCount(bytes, 0, (int)Math.Min(bytePosition, bytes.Length));
    }

    // Full-width ASCII forms (U+FF01 to U+FF5E) and the ideographic space become their ASCII forms.
    private static string ToAscii(string text)
    {
        if (!text.Any(c => c is >= '\uFF01' and <= '\uFF5E' or '\u3000'))
        {
            return text;
        }

        var ascii = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            ascii.Append(c switch
            {
                >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
                '\u3000' => ' ',
                _ => c,
            });
        }

        return ascii.ToString().Trim();
    }

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string ShortTypeName(string typeName)
    {
        var generic = typeName.IndexOf('<', StringComparison.Ordinal);
        var name = generic < 0 ? typeName : typeName[..generic];
        var dot = name.LastIndexOf('.');
        return dot < 0 ? name : name[(dot + 1)..];
    }

    [GeneratedRegex(@"^[+-]?[0-9]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();
}
