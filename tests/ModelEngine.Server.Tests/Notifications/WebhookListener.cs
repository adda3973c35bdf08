using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ModelEngine.Server.Tests.Notifications;

/// <summary>
/// An HTTP server on a free loopback port that records each webhook request and responds with the status codes it is
/// given, one per request, then 200.
/// </summary>
internal sealed class WebhookListener : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<WebhookRequest> _requests = new();
    private readonly ConcurrentQueue<int> _statuses;

    private WebhookListener(WebApplication app, IEnumerable<int> statuses)
    {
        _app = app;
        _statuses = new ConcurrentQueue<int>(statuses);
    }

    public Uri Url => new(_app.Urls.Single().TrimEnd('/') + "/hook");

    public IReadOnlyList<WebhookRequest> Requests => _requests.ToArray();

    public static async Task<WebhookListener> StartAsync(params int[] statuses)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var listener = new WebhookListener(app, statuses);
        app.MapPost("/hook", (Delegate)listener.HandleAsync);
        await app.StartAsync().WaitAsync(Infrastructure.Timeouts.Request);
        return listener;
    }

    private async Task<IResult> HandleAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        var status = _statuses.TryDequeue(out var next) ? next : StatusCodes.Status200OK;
        _requests.Enqueue(new WebhookRequest(
            context.Request.Headers.ToDictionary(header => header.Key, header => header.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            buffer.ToArray(),
            status));
        return Results.StatusCode(status);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().WaitAsync(Infrastructure.Timeouts.Request);
        await _app.DisposeAsync();
    }
}

/// <summary>One request the listener received, with the status code of the response.</summary>
internal sealed record WebhookRequest(IReadOnlyDictionary<string, string> Headers, byte[] Body, int AnsweredStatus)
{
    public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : "";
}
