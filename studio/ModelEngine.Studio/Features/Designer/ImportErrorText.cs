using System.Text.Json;
using Microsoft.Extensions.Localization;

namespace ModelEngine.Studio.Features.Designer;

/// <summary>
/// Builds the localized messages for an import file that cannot be read or parsed. The parser's own message is
/// English-only and names internal tokens, so the studio shows the line and position and what to do instead.
/// </summary>
internal static class ImportErrorText
{
    /// <summary>The largest import file, in bytes.</summary>
    public const long MaxImportBytes = 10 * 1024 * 1024;

    /// <summary>Returns the message for a file that is not valid JSON, with the 1-based line and position of the error.</summary>
    public static string InvalidJson(IStringLocalizer<DesignerResources> localizer, string fileName, JsonException exception) =>
        exception.LineNumber is { } line && exception.BytePositionInLine is { } position
            ? localizer["ImportInvalidJson", fileName, line + 1, position + 1]
            : localizer["ImportInvalidJsonNoPosition", fileName];

    /// <summary>Returns the message for a file that could not be read, such as one over <see cref="MaxImportBytes"/>.</summary>
    public static string ReadFailed(IStringLocalizer<DesignerResources> localizer, string fileName) =>
        localizer["ImportReadFailed", fileName, MaxImportBytes / (1024 * 1024)];
}
