using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using ModelEngine.Studio.Api;
using ModelEngine.Studio.Auth;
using ModelEngine.Studio.Hosting;

namespace ModelEngine.Studio.Tests;

/// <summary>
/// A <see cref="StudioApiClient"/> that responds from a script instead of a server, and records every request. A route
/// is "METHOD path", the path without its query; an unscripted route fails with 404.
/// </summary>
internal sealed class ScriptedStudioApi() : StudioApiClient(
    new NoHttpClientFactory(),
    new StudioServerAddress(Options.Create(new StudioOptions { ServerUrl = "http://127.0.0.1:1/" }), new EmptyServices()),
    null!)
{
    private readonly ConcurrentDictionary<string, Func<ScriptedRequest, HttpResponseMessage>> _routes = new(StringComparer.OrdinalIgnoreCase);

    public ConcurrentQueue<ScriptedRequest> Requests { get; } = new();

    /// <summary>Answers <paramref name="method"/> <paramref name="path"/> with 200 and <paramref name="body"/> as JSON.</summary>
    public ScriptedStudioApi On(string method, string path, object? body) =>
        On(method, path, _ => Json(HttpStatusCode.OK, body));

    public ScriptedStudioApi On(string method, string path, Func<ScriptedRequest, HttpResponseMessage> answer)
    {
        _routes[method + " " + path.TrimStart('/')] = answer;
        return this;
    }

    /// <summary>Answers with a problem details document, as the server does for errors.</summary>
    public ScriptedStudioApi OnProblem(string method, string path, HttpStatusCode status, string detail) =>
        On(method, path, _ => Json(status, new { title = "Problem", status = (int)status, detail }, "application/problem+json"));

    public static HttpResponseMessage Json(HttpStatusCode status, object? body, string mediaType = "application/json") => new(status)
    {
        Content = new StringContent(body is null ? string.Empty : JsonSerializer.Serialize(body, StudioJson.Options), Encoding.UTF8, mediaType),
    };

    public override async Task<HttpResponseMessage> SendRawAsync(
        HttpMethod method,
        string path,
        HttpContent? content,
        IReadOnlyDictionary<string, string>? headers,
        CancellationToken cancellationToken = default)
    {
        var body = content is null ? null : await content.ReadAsStringAsync(cancellationToken);
        var request = new ScriptedRequest(method.Method, path.TrimStart('/'), body is { Length: > 0 } ? JsonNode.Parse(body) : null, headers ?? new Dictionary<string, string>());
        Requests.Enqueue(request);
        var route = method.Method + " " + request.Path.Split('?')[0];
        var response = _routes.TryGetValue(route, out var answer)
            ? answer(request)
            : Json(HttpStatusCode.NotFound, new { title = "Not scripted", status = 404, detail = $"No scripted answer for {route}." }, "application/problem+json");
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        throw new StudioApiException(response.StatusCode, JsonNode.Parse(text)?["detail"]?.GetValue<string>() ?? text, JsonNode.Parse(text) as JsonObject);
    }

    public override async Task<T> SendAsync<T>(
        HttpMethod method,
        string path,
        HttpContent? content,
        IReadOnlyDictionary<string, string>? headers,
        CancellationToken cancellationToken = default)
    {
        using var response = await SendRawAsync(method, path, content, headers, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return text.Length == 0 ? default! : JsonSerializer.Deserialize<T>(text, StudioJson.Options)!;
    }

    private sealed class NoHttpClientFactory : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => throw new InvalidOperationException("Scripted API calls never reach HTTP.");
    }

    private sealed class EmptyServices : IServiceProvider
    {
        public object? GetService(Type serviceType) => null;
    }
}
