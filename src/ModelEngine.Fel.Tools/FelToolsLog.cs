using Microsoft.Extensions.Logging;

namespace ModelEngine.Fel.Tools;

/// <summary>Log messages of the FEL tool sources, with event ids 7600 to 7649.</summary>
internal static partial class FelToolsLog
{
    [LoggerMessage(EventId = 7600, Level = LogLevel.Warning,
        Message = "FEL tool source {Source}: {ConfigKey} lists '{Id}', which is left out: {Reason}")]
    public static partial void ToolSkipped(ILogger logger, string source, string configKey, string id, string reason);

    [LoggerMessage(EventId = 7610, Level = LogLevel.Information,
        Message = "Workflow tool {ToolName} started instance {InstanceId} of definition {DefinitionId}")]
    public static partial void WorkflowStarted(ILogger logger, string toolName, string instanceId, string definitionId);

    [LoggerMessage(EventId = 7611, Level = LogLevel.Information,
        Message = "Workflow tool {ToolName}: instance {InstanceId} is {SubStatus} after {ElapsedMs} ms")]
    public static partial void WorkflowReturned(ILogger logger, string toolName, string instanceId, string subStatus, long elapsedMs);

    [LoggerMessage(EventId = 7620, Level = LogLevel.Information,
        Message = "MCP server {Server} connected over {Transport}")]
    public static partial void McpConnected(ILogger logger, string server, string transport);

    [LoggerMessage(EventId = 7621, Level = LogLevel.Warning,
        Message = "MCP server {Server} could not be reached over {Transport}")]
    public static partial void McpConnectFailed(ILogger logger, Exception exception, string server, string transport);

    [LoggerMessage(EventId = 7623, Level = LogLevel.Warning,
        Message = "MCP server {Server}: listing tools failed on the connected client, reconnecting")]
    public static partial void McpReconnecting(ILogger logger, Exception exception, string server);

    [LoggerMessage(EventId = 7622, Level = LogLevel.Warning,
        Message = "MCP server {Server}: closing the client failed")]
    public static partial void McpDisposeFailed(ILogger logger, Exception exception, string server);
}
