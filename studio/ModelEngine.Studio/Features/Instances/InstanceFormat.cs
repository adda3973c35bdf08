namespace ModelEngine.Studio.Features.Instances;

/// <summary>Formats the JSON values that the instance screens show. Times go through <see cref="Localization.StudioTime"/>.</summary>
public static class InstanceFormat
{
    /// <summary>Formats JSON indented for reading, and <see langword="null"/> as <c>null</c>.</summary>
    public static string Json(System.Text.Json.Nodes.JsonNode? node) =>
        node?.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) ?? "null";
}
