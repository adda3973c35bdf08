using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace ModelEngine.Server.Tests.Infrastructure;

/// <summary>JSON helpers that fail with the status and body when a response is not what a test expects.</summary>
public static class HttpJson
{
    public static async Task<JsonObject> ReadObjectAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected,
            $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery} returned {(int)response.StatusCode}, expected {(int)expected}. Body: {body}");
        return JsonNode.Parse(body) as JsonObject ?? throw new InvalidOperationException($"The body is not a JSON object: {body}");
    }

    public static async Task<JsonObject> GetObjectAsync(this HttpClient client, string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await client.GetAsync(path).WaitAsync(Timeouts.Request);
        return await response.ReadObjectAsync(expected);
    }

    public static async Task<JsonObject> PostObjectAsync(this HttpClient client, string path, object? body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = body is null
            ? await client.PostAsync(path, null).WaitAsync(Timeouts.Request)
            : await client.PostAsJsonAsync(path, body).WaitAsync(Timeouts.Request);
        return await response.ReadObjectAsync(expected);
    }

    public static async Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string path, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        return await client.PostAsync(path, content).WaitAsync(Timeouts.Request);
    }

    /// <summary>Sends a JSON body with an <c>Idempotency-Key</c> header and buffers the response, so that tests can read it twice.</summary>
    public static async Task<HttpResponseMessage> SendWithKeyAsync(this HttpClient client, HttpMethod method, string path, object body, string key)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        var response = await client.SendAsync(request).WaitAsync(Timeouts.Request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }
}
