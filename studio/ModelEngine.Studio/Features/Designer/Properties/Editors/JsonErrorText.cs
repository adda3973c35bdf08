using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Localization;

namespace ModelEngine.Studio.Features.Designer.Properties.Editors;

/// <summary>
/// Builds the localized message for JSON text that does not parse. The parser's own message is English-only and counts
/// UTF-8 bytes, so the message gives the 1-based line and character instead, like the designer's import errors.
/// </summary>
internal static class JsonErrorText
{
    /// <summary>Returns the message for <paramref name="text"/>, which failed to parse with <paramref name="exception"/>.</summary>
    public static string Describe(IStringLocalizer<PropertiesResources> localizer, string text, JsonException exception)
    {
        if (exception.LineNumber is not { } line || exception.BytePositionInLine is not { } bytePosition)
        {
            return localizer["JsonInvalidNoPosition"];
        }

        return localizer["JsonInvalidAt", line + 1, CharacterInLine(text, (int)line, bytePosition) + 1];
    }

    /// <summary>Converts a UTF-8 byte offset within a 0-based line of the text to a character offset.</summary>
    internal static long CharacterInLine(string text, int line, long bytePosition)
    {
        var lines = text.Split('\n');
        if (line < 0 || line >= lines.Length)
        {
            return bytePosition;
        }

        var bytes = Encoding.UTF8.GetBytes(lines[line]);
        var length = (int)Math.Clamp(bytePosition, 0, bytes.Length);
        return Encoding.UTF8.GetCharCount(bytes, 0, length);
    }
}
