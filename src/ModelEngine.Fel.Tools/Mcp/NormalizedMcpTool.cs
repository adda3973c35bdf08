using System.Text.Json;
using Microsoft.Extensions.AI;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace ModelEngine.Fel.Tools;

/// <summary>
/// An MCP tool under a FEL name (the server name, an underscore and the tool name) with a normalised schema. Calls go
/// to the server under the tool's original name.
/// </summary>
/// <remarks>
/// The result is the tool's structured content when it sends one, its text when every content block is text, and
/// the content as <see cref="AIContent"/> items otherwise (images, resources). A result the server marks as an error
/// throws <see cref="FelToolException"/> with the server's text.
/// </remarks>
internal sealed class NormalizedMcpTool : DelegatingAIFunction
{
    private readonly McpClientTool _tool;
    private readonly string _serverName;
    private readonly Dictionary<string, object?> _properties;

    public NormalizedMcpTool(McpClientTool tool, string name, string serverName, string sourceName)
        : base(tool)
    {
        _tool = tool;
        _serverName = serverName;
        Name = name;
        JsonSchema = ToolSchemas.Normalize(tool.JsonSchema);
        _properties = new Dictionary<string, object?>(tool.AdditionalProperties)
        {
            [FelToolProperties.Source] = sourceName,
            [FelToolProperties.Id] = tool.Name,
        };
    }

    public override string Name { get; }

    public override JsonElement JsonSchema { get; }

    public override IReadOnlyDictionary<string, object?> AdditionalProperties => _properties;

    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        CallToolResult result;
        try
        {
            result = await _tool.CallAsync(new Dictionary<string, object?>(arguments), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is McpException or IOException or HttpRequestException or ObjectDisposedException)
        {
            throw new FelToolException(Name, $"The MCP tool '{_tool.Name}' on server '{_serverName}' failed: {exception.Message}", exception);
        }

        var text = string.Join("\n", result.Content.OfType<TextContentBlock>().Select(block => block.Text));
        if (result.IsError == true)
        {
            throw new FelToolException(Name, $"The MCP tool '{_tool.Name}' on server '{_serverName}' reported an error: {(text.Length > 0 ? text : "no message")}");
        }

        if (result.StructuredContent is { } structured)
        {
            return structured;
        }

        return result.Content.All(block => block is TextContentBlock) ? text : result.Content.ToAIContents();
    }
}
