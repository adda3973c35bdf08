using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Server;

namespace ModelEngine.Fel.Tools.Tests.Mcp;

/// <summary>
/// A Streamable HTTP MCP server on Kestrel at 127.0.0.1 with a free port, serving the tool <c>echo</c> at <c>/mcp</c>.
/// </summary>
public sealed class HttpMcpServerFixture : IAsyncLifetime
{
    private WebApplication? _app;

    /// <summary>The MCP endpoint, set once the server listens.</summary>
    public Uri Endpoint { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        builder.Services
            .AddMcpServer()
            .WithHttpTransport()
            .WithTools([McpServerTool.Create((string text) => $"echo: {text}", new McpServerToolCreateOptions { Name = "echo", Description = "Returns the text." })]);
        _app = builder.Build();
        _app.MapMcp("/mcp");
        await _app.StartAsync().WaitAsync(McpTestServerFixture.Timeout);
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Endpoint = new Uri(new Uri(address), "/mcp");
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync().WaitAsync(McpTestServerFixture.Timeout);
            await _app.DisposeAsync().AsTask().WaitAsync(McpTestServerFixture.Timeout);
        }
    }
}
