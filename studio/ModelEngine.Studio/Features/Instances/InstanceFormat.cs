using System.Text.Encodings.Web;
using System.Text.Json;

namespace ModelEngine.Studio.Features.Instances;

/// <summary>Formats the JSON values that the instance screens show. Times go through <see cref="Localization.StudioTime"/>.</summary>
public static class InstanceFormat
{
    /// <summary>
    /// Options for display only: the relaxed encoder writes '+', '&lt;' and non-ASCII text as they are, where the default
    /// escapes them as <c>\u002B</c>. Blazor encodes the text for HTML when it renders it. Never send JSON written with
    /// these options to the server.
    /// </summary>
    private static readonly JsonSerializerOptions DisplayOptions = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Formats JSON indented for reading, and <see langword="null"/> as <c>null</c>.</summary>
    public static string Json(System.Text.Json.Nodes.JsonNode? node) => node?.ToJsonString(DisplayOptions) ?? "null";
}
