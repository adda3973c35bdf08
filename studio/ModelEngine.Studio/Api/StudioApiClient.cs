using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelEngine.Studio.Auth;

namespace ModelEngine.Studio.Api;

/// <summary>
/// Sends the studio's calls to the server's REST API with the signed-in user's bearer token. Non-success responses throw
/// <see cref="StudioApiException"/> with the server's problem details. Each feature has its own API class on top of this.
/// </summary>
public class StudioApiClient(IHttpClientFactory httpClientFactory, StudioServerAddress serverAddress, StudioSession session)
{
    public const string HttpClientName = "ModelEngine.Studio.Api";

    public Task<T> GetAsync<T>(string path, CancellationToken cancellationToken = default) =>
        SendAsync<T>(HttpMethod.Get, path, content: null, headers: null, cancellationToken);

    public Task<T> PostAsync<T>(string path, object? body, CancellationToken cancellationToken = default) =>
        SendAsync<T>(HttpMethod.Post, path, Json(body), headers: null, cancellationToken);

    public Task<T> PutAsync<T>(string path, object? body, CancellationToken cancellationToken = default) =>
        SendAsync<T>(HttpMethod.Put, path, Json(body), headers: null, cancellationToken);

    public Task DeleteAsync(string path, CancellationToken cancellationToken = default) =>
        SendAsync<JsonNode?>(HttpMethod.Delete, path, content: null, headers: null, cancellationToken);

    /// <summary>Sends one request and reads the JSON response as <typeparamref name="T"/>; an empty body gives <see langword="default"/>.</summary>
    public virtual async Task<T> SendAsync<T>(
        HttpMethod method,
        string path,
        HttpContent? content,
        IReadOnlyDictionary<string, string>? headers,
        CancellationToken cancellationToken = default)
    {
        using var response = await SendRawAsync(method, path, content, headers, cancellationToken).ConfigureAwait(false);
        if (response.Content.Headers.ContentLength == 0 || response.StatusCode == System.Net.HttpStatusCode.NoContent)
        {
            return default!;
        }

        return (await response.Content.ReadFromJsonAsync<T>(StudioJson.Options, cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>Sends one request and returns the successful response, which the caller disposes.</summary>
    public virtual async Task<HttpResponseMessage> SendRawAsync(
        HttpMethod method,
        string path,
        HttpContent? content,
        IReadOnlyDictionary<string, string>? headers,
        CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(method, new Uri(serverAddress.BaseAddress, path.TrimStart('/'))) { Content = content };
        if (await session.GetAccessTokenAsync().ConfigureAwait(false) is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        var client = httpClientFactory.CreateClient(HttpClientName);
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw await ToExceptionAsync(response, cancellationToken).ConfigureAwait(false);
        }
    }

    private static JsonContent? Json(object? body) => body is null ? null : JsonContent.Create(body, body.GetType(), options: StudioJson.Options);

    private static async Task<StudioApiException> ToExceptionAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        JsonObject? problem = null;
        try
        {
            problem = text.Length > 0 ? JsonNode.Parse(text) as JsonObject : null;
        }
        catch (JsonException)
        {
            // Not JSON: the status line alone describes the failure.
        }

        var message = problem?["detail"]?.GetValue<string>() ?? problem?["title"]?.GetValue<string>()
            ?? $"The server answered {(int)response.StatusCode} {response.ReasonPhrase}.";
        return new StudioApiException(response.StatusCode, message, problem);
    }
}
