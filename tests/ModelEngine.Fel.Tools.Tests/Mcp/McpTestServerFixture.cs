namespace ModelEngine.Fel.Tools.Tests.Mcp;

/// <summary>One connection to the test MCP server, shared by a test class and closed after it.</summary>
public sealed class McpTestServerFixture : IAsyncLifetime
{
    /// <summary>The wait for any MCP operation. Starting the server process takes a few seconds on a busy machine.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public McpToolSource Source { get; } = CreateSource();

    /// <summary>Creates a source for the test server as <c>Fel:Mcp:Servers:test</c>, which starts its own process on first use.</summary>
    public static McpToolSource CreateSource() => new(new McpServerSettings
    {
        Name = "test",
        Command = "dotnet",
        Arguments = [Path.Combine(AppContext.BaseDirectory, "ModelEngine.Fel.Tools.McpTestServer.dll")],
    });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Source.DisposeAsync().AsTask().WaitAsync(Timeout);
}
