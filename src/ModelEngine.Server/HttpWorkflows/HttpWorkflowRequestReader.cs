using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Primitives;
using ModelEngine.Workflows.Activities.Http;

namespace ModelEngine.Server.HttpWorkflows;

/// <summary>Reads a request under <c>/workflows/</c> into the request object that HttpEndpoint outputs.</summary>
internal static class HttpWorkflowRequestReader
{
    private static readonly JsonDocumentOptions s_documentOptions = new() { AllowDuplicateProperties = false, MaxDepth = 256 };

    /// <summary>Headers that carry credentials; they never reach the instance state.</summary>
    private static readonly HashSet<string> s_credentialHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Authorization", "Proxy-Authorization", "Cookie", "X-Api-Key",
    };

    /// <summary>
    /// Reads the body as text, at most <paramref name="maxBytes"/> bytes. Throws <see cref="BadHttpRequestException"/>
    /// with 413 for a larger body.
    /// </summary>
    public static async Task<string?> ReadBodyAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength is > 0 and var length && length > maxBytes)
        {
            throw TooLarge(length, maxBytes);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw TooLarge(buffer.Length + read, maxBytes);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.Length == 0 ? null : Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Parses a JSON body; any other body stays text. Throws <see cref="BadHttpRequestException"/> for malformed JSON.</summary>
    public static JsonNode? ParseBody(string? body, string? contentType)
    {
        if (body is null)
        {
            return null;
        }

        if (!IsJson(contentType))
        {
            return JsonValue.Create(body);
        }

        try
        {
            // A duplicate key is malformed input here, as in the API's own bodies, and not a server error later.
            return JsonNode.Parse(body, documentOptions: s_documentOptions);
        }
        catch (JsonException exception)
        {
            throw new BadHttpRequestException("The request body is not valid JSON.", StatusCodes.Status400BadRequest, exception);
        }
    }

    public static JsonObject Build(
        string requestId, HttpRequest request, string path, IReadOnlyDictionary<string, string> routeValues, JsonNode? body) => new()
    {
        [HttpRequestModel.Id] = requestId,
        [HttpRequestModel.Method] = request.Method.ToUpperInvariant(),
        [HttpRequestModel.Path] = path,
        [HttpRequestModel.RouteValues] = new JsonObject(routeValues.Select(pair => KeyValuePair.Create(pair.Key, (JsonNode?)pair.Value))),
        [HttpRequestModel.Query] = ToObject(request.Query.Select(pair => (pair.Key, pair.Value))),
        [HttpRequestModel.Headers] = ToObject(request.Headers
            .Where(pair => !s_credentialHeaders.Contains(pair.Key))
            .Select(pair => (pair.Key.ToLowerInvariant(), pair.Value))),
        [HttpRequestModel.Body] = body,
    };

    private static JsonObject ToObject(IEnumerable<(string Name, StringValues Values)> entries)
    {
        var result = new JsonObject();
        foreach (var (name, values) in entries)
        {
            result[name] = values.Count == 1
                ? values[0]
                : new JsonArray(values.Select(value => (JsonNode?)value).ToArray());
        }

        return result;
    }

    private static bool IsJson(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return false;
        }

        var mediaType = contentType.Split(';')[0].Trim();
        return mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }

    private static BadHttpRequestException TooLarge(long size, long maxBytes) => new(
        $"The request body has at least {size} bytes; at most {maxBytes} are accepted (HttpWorkflows:MaxRequestBodySize).",
        StatusCodes.Status413PayloadTooLarge);
}
