using System.Text.Json;
using Microsoft.Extensions.AI;

namespace ModelEngine.Fel.Tools.McpTestServer;

/// <summary>
/// A tool whose schema marks a property required with the draft-3 <c>"required": true</c> and gives a single value
/// for <c>examples</c>, as some hand-written MCP servers do.
/// </summary>
internal sealed class WeatherFunction : AIFunction
{
    private static readonly JsonElement s_schema = JsonDocument.Parse(
        """{"type":"object","properties":{"city":{"type":"string","required":true,"examples":"Paris"},"unit":{"type":"string","examples":null}}}""").RootElement.Clone();

    public override string Name => "weather";

    public override string Description => "Returns the weather in a city.";

    public override JsonElement JsonSchema => s_schema;

    protected override ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        var city = arguments.TryGetValue("city", out var value) ? value?.ToString() : null;
        return ValueTask.FromResult<object?>($"Sunny in {city}, 21 degrees.");
    }
}
