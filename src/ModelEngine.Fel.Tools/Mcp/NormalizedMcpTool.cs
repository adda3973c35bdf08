using System.Text.Json;
using Microsoft.Extensions.AI;

namespace ModelEngine.Fel.Tools;

/// <summary>
/// An MCP tool under a FEL name (the server name, an underscore and the tool name) with a normalised schema. Calls go
/// to the wrapped <see cref="ModelContextProtocol.Client.McpClientTool"/>, which takes the original name from the
/// server's tool list, not from this wrapper.
/// </summary>
internal sealed class NormalizedMcpTool : DelegatingAIFunction
{
    private readonly Dictionary<string, object?> _properties;

    public NormalizedMcpTool(AIFunction inner, string name, string sourceName)
        : base(inner)
    {
        Name = name;
        JsonSchema = ToolSchemas.Normalize(inner.JsonSchema);
        _properties = new Dictionary<string, object?>(inner.AdditionalProperties)
        {
            [FelToolProperties.Source] = sourceName,
            [FelToolProperties.Id] = inner.Name,
        };
    }

    public override string Name { get; }

    public override JsonElement JsonSchema { get; }

    public override IReadOnlyDictionary<string, object?> AdditionalProperties => _properties;
}
