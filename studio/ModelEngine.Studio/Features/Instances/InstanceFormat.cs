using System.Globalization;

namespace ModelEngine.Studio.Features.Instances;

/// <summary>Formats the times and JSON values that the instance screens show.</summary>
public static class InstanceFormat
{
    /// <summary>Formats a time in UTC, as the server stores it, with the UTC suffix so that no reader takes it for local time.</summary>
    public static string Time(DateTimeOffset? value) =>
        value is { } time ? time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC" : string.Empty;

    /// <summary>Formats JSON indented for reading, and <see langword="null"/> as <c>null</c>.</summary>
    public static string Json(System.Text.Json.Nodes.JsonNode? node) =>
        node?.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) ?? "null";
}
