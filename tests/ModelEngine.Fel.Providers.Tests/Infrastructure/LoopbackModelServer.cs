using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ModelEngine.Fel.Providers.Tests.Infrastructure;

/// <summary>
/// A Kestrel server on 127.0.0.1 with a port the OS picks, serving every request with the next scripted
/// responder and recording what arrived. It replaces an OpenAI-compatible or Ollama endpoint in tests.
/// </summary>
public sealed class LoopbackModelServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Func<HttpContext, RecordedRequest, Task>> _responders = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly TimeProvider _clock;

    private LoopbackModelServer(WebApplication app, TimeProvider clock)
    {
        _app = app;
        _clock = clock;
    }

    /// <summary>The server's address, such as http://127.0.0.1:54321/.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The requests received, in order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => _requests.ToList();

    /// <summary>Used when no responder is scripted; the default returns status 599 so that an unexpected call is easy to spot.</summary>
    public Func<HttpContext, RecordedRequest, Task>? Fallback { get; set; }

    public static async Task<LoopbackModelServer> StartAsync(TimeProvider? clock = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new LoopbackModelServer(app, clock ?? TimeProvider.System);
        app.Run(server.HandleAsync);
        await app.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        return server;
    }

    /// <summary>Scripts the response to the next request.</summary>
    public LoopbackModelServer Enqueue(Func<HttpContext, RecordedRequest, Task> responder)
    {
        _responders.Enqueue(responder);
        return this;
    }

    /// <summary>Scripts a response with <paramref name="status"/>, <paramref name="body"/> and optional headers.</summary>
    public LoopbackModelServer EnqueueResponse(int status, string body, string contentType = "application/json", params (string Name, string Value)[] headers) =>
        Enqueue(async (context, _) =>
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = contentType;
            foreach (var (name, value) in headers)
            {
                context.Response.Headers[name] = value;
            }

            await context.Response.WriteAsync(body);
        });

    /// <summary>
    /// Scripts a streamed response that writes and flushes each of <paramref name="parts"/> on its own. Before each
    /// part after the first, it waits for <paramref name="gate"/> to return, when one is given.
    /// </summary>
    public LoopbackModelServer EnqueueStream(string contentType, IReadOnlyList<string> parts, Func<int, Task>? gate = null) =>
        Enqueue(async (context, _) =>
        {
            context.Response.StatusCode = 200;
            context.Response.ContentType = contentType;
            for (var i = 0; i < parts.Count; i++)
            {
                if (i > 0 && gate is not null)
                {
                    await gate(i).WaitAsync(TimeSpan.FromSeconds(30));
                }

                await context.Response.WriteAsync(parts[i]);
                await context.Response.Body.FlushAsync();
            }
        });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var request = new RecordedRequest(
            context.Request.Method,
            context.Request.Path.Value ?? "",
            context.Request.Headers.Authorization.Count > 0 ? context.Request.Headers.Authorization.ToString() : null,
            context.Request.ContentType,
            body,
            _clock.GetUtcNow());
        _requests.Enqueue(request);
        if (_responders.TryDequeue(out var responder))
        {
            await responder(context, request);
        }
        else if (Fallback is { } fallback)
        {
            await fallback(context, request);
        }
        else
        {
            context.Response.StatusCode = 599;
            await context.Response.WriteAsync($"No response scripted for request {_requests.Count}.");
        }
    }
}
