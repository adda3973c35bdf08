using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Server;

namespace ModelEngine.Fel.Tools.Tests.Mcp;

/// <summary>A Streamable HTTP MCP server on Kestrel at 127.0.0.1, serving the tool <c>echo</c> at <c>/mcp</c>.</summary>
public sealed class HttpMcpServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private HttpMcpServer(WebApplication app, Uri endpoint)
    {
        _app = app;
        Endpoint = endpoint;
    }

    /// <summary>The MCP endpoint.</summary>
    public Uri Endpoint { get; }

    /// <summary>Starts a server on <paramref name="port"/>, or on a free port when it is 0.</summary>
    public static async Task<HttpMcpServer> StartAsync(int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, port));
        builder.Services
            .AddMcpServer()
            .WithHttpTransport()
            .WithTools([McpServerTool.Create((string text) => $"echo: {text}", new McpServerToolCreateOptions { Name = "echo", Description = "Returns the text." })]);
        var app = builder.Build();
        app.MapMcp("/mcp");
        await app.StartAsync().WaitAsync(McpTestServerFixture.Timeout);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new HttpMcpServer(app, new Uri(new Uri(address), "/mcp"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().WaitAsync(McpTestServerFixture.Timeout);
        await _app.DisposeAsync().AsTask().WaitAsync(McpTestServerFixture.Timeout);
    }
}
