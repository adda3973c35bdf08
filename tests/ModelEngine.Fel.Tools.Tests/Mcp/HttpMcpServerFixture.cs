namespace ModelEngine.Fel.Tools.Tests.Mcp;

/// <summary>One <see cref="HttpMcpServer"/> on a free port, shared by a test class.</summary>
public sealed class HttpMcpServerFixture : IAsyncLifetime
{
    private HttpMcpServer? _server;

    /// <summary>The MCP endpoint, set once the server listens.</summary>
    public Uri Endpoint => _server?.Endpoint ?? throw new InvalidOperationException("The HTTP MCP server has not started.");

    public async Task InitializeAsync() => _server = await HttpMcpServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
