using System.Text.Json;
using System.Text.Json.Serialization;

namespace ModelEngine.Studio.Api;

/// <summary>The JSON options that match the server's API: camelCase names and enums as strings.</summary>
public static class StudioJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
