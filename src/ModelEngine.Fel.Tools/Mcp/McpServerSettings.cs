namespace ModelEngine.Fel.Tools;

/// <summary>
/// One MCP server under <c>Fel:Mcp:Servers:{name}</c>: either <see cref="Command"/> (with <see cref="Arguments"/>) for a
/// server started as a child process and spoken to over stdio, or <see cref="Endpoint"/> for a Streamable HTTP server.
/// </summary>
public sealed class McpServerSettings
{
    /// <summary>The connection timeout when <c>ConnectTimeout</c> is not set.</summary>
    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The server's name: the configuration section name and the prefix of its tool names.</summary>
    public required string Name { get; init; }

    /// <summary>The program to start, such as <c>npx</c> or a path to an executable.</summary>
    public string? Command { get; init; }

    /// <summary>The program's arguments, one per entry.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>The working directory of the started program, or <see langword="null"/> for the server's own.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>The Streamable HTTP endpoint, such as <c>http://127.0.0.1:3001/mcp</c>.</summary>
    public Uri? Endpoint { get; init; }

    /// <summary>How long connecting and the MCP handshake may take.</summary>
    public TimeSpan ConnectTimeout { get; init; } = DefaultConnectTimeout;

    /// <summary>The configuration section of this server, for error messages.</summary>
    public string ConfigPath => $"{McpToolSource.ConfigSection}:{Name}";
}
