using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace ModelEngine.Fel.Tools;

/// <summary>
/// The FEL tool settings read from configuration: <c>Fel:Tools:Operators</c>, <c>Fel:Tools:Workflows</c>,
/// <c>Fel:Tools:WorkflowTimeout</c> and <c>Fel:Mcp:Servers</c>.
/// </summary>
public sealed class FelToolsConfiguration
{
    /// <summary>The maximum length of an MCP server name, which prefixes its tool names (at most 64 characters).</summary>
    public const int MaxServerNameLength = 24;

    /// <summary>The genericable ids to expose as tools. Empty exposes none, and <c>*</c> exposes all.</summary>
    public IReadOnlyList<string> Operators { get; init; } = [];

    /// <summary>The workflow tool settings, with the definition ids to expose.</summary>
    public WorkflowToolSettings Workflows { get; init; } = new();

    /// <summary>The MCP servers, one per subsection of <c>Fel:Mcp:Servers</c>.</summary>
    public IReadOnlyList<McpServerSettings> McpServers { get; init; } = [];

    /// <summary>Reads and checks the settings.</summary>
    /// <exception cref="InvalidOperationException">A setting is invalid. The message names every bad key, its value and the fix.</exception>
    public static FelToolsConfiguration Read(IConfiguration configuration, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var errors = new List<string>();
        var operators = ReadList(configuration.GetSection(FitOperatorToolSource.ConfigKey));
        var workflows = ReadList(configuration.GetSection(WorkflowToolSource.ConfigKey));
        var timeout = ReadDuration(configuration, "Fel:Tools:WorkflowTimeout", WorkflowToolSettings.DefaultTimeout, errors);
        var servers = new List<McpServerSettings>();
        foreach (var server in configuration.GetSection(McpToolSource.ConfigSection).GetChildren())
        {
            if (ReadServer(server, errors) is { } settings)
            {
                servers.Add(settings);
            }
        }

        if (errors.Count > 0)
        {
            throw new InvalidOperationException($"The FEL tool configuration is invalid:{Environment.NewLine}- {string.Join(Environment.NewLine + "- ", errors)}");
        }

        return new FelToolsConfiguration
        {
            Operators = operators,
            Workflows = new WorkflowToolSettings { DefinitionIds = workflows, Timeout = timeout, TimeProvider = timeProvider ?? TimeProvider.System },
            McpServers = servers,
        };
    }

    private static McpServerSettings? ReadServer(IConfigurationSection section, List<string> errors)
    {
        var path = section.Path;
        var name = section.Key;
        var nameValid = ToolNames.IsValid(name) && name.Length <= MaxServerNameLength;
        if (!nameValid)
        {
            errors.Add($"{path}: the server name '{name}' is invalid. Use 1 to {MaxServerNameLength} characters from A-Z, a-z, 0-9, '_' and '-', because it prefixes the server's tool names.");
        }

        var command = section["Command"];
        var endpointText = section["Endpoint"];
        Uri? endpoint = null;
        if (string.IsNullOrWhiteSpace(command) == string.IsNullOrWhiteSpace(endpointText))
        {
            errors.Add($"{path}: set exactly one of {path}:Command (a program spoken to over stdio) and {path}:Endpoint (a Streamable HTTP URL).");
        }
        else if (!string.IsNullOrWhiteSpace(endpointText)
            && (!Uri.TryCreate(endpointText, UriKind.Absolute, out endpoint) || endpoint.Scheme is not ("http" or "https")))
        {
            errors.Add($"{path}:Endpoint '{endpointText}' is not an absolute http or https URL. Write it like http://127.0.0.1:3001/mcp.");
            endpoint = null;
        }

        var connectTimeout = ReadDuration(section, "ConnectTimeout", McpServerSettings.DefaultConnectTimeout, errors);
        if (!nameValid || (endpoint is null && string.IsNullOrWhiteSpace(command)) || (endpoint is not null && !string.IsNullOrWhiteSpace(command)))
        {
            return null;
        }

        return new McpServerSettings
        {
            Name = name,
            Command = string.IsNullOrWhiteSpace(command) ? null : command,
            Arguments = ReadList(section.GetSection("Arguments"), split: false),
            WorkingDirectory = section["WorkingDirectory"] is { Length: > 0 } directory ? directory : null,
            Endpoint = endpoint,
            ConnectTimeout = connectTimeout,
        };
    }

    /// <summary>
    /// Reads a list written as an array (<c>Key:0</c>, <c>Key:1</c> …) or, when <paramref name="split"/> is set, as one
    /// comma-separated value, which is easier to set from an environment variable.
    /// </summary>
    private static List<string> ReadList(IConfigurationSection section, bool split = true)
    {
        if (section.Value is { } single)
        {
            return split
                ? single.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList()
                : [single];
        }

        return section.GetChildren()
            .OrderBy(child => int.TryParse(child.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : int.MaxValue)
            .Select(child => child.Value)
            .OfType<string>()
            .Select(value => split ? value.Trim() : value)
            .Where(value => value.Length > 0)
            .ToList();
    }

    private static TimeSpan ReadDuration(IConfiguration configuration, string key, TimeSpan fallback, List<string> errors)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value) && value > TimeSpan.Zero)
        {
            return value;
        }

        var path = configuration is IConfigurationSection section ? $"{section.Path}:{key}" : key;
        errors.Add($"{path} '{text}' is not a positive duration. Write it as hh:mm:ss, for example 00:00:30.");
        return fallback;
    }
}
