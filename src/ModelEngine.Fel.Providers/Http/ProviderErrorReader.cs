using System.Net;
using System.Text;
using System.Text.Json;
using ModelEngine.Fel.Providers.Configuration;

namespace ModelEngine.Fel.Providers.Http;

/// <summary>
/// Turns a failed HTTP response into a <see cref="FelModelException"/> that carries the provider's own message. It
/// reads any body, JSON or not, and never throws a parse exception of its own.
/// </summary>
internal static class ProviderErrorReader
{
    /// <summary>The maximum number of characters of a body read for the message, because an HTML error page can be long.</summary>
    private const int MaxBodyCharacters = 2000;

    public static async Task<FelModelException> CreateAsync(
        HttpResponseMessage response, FelModelSettings settings, SecretRedactor redactor, int attempts, CancellationToken cancellationToken)
    {
        var body = await ReadBodyAsync(response, cancellationToken);
        var providerMessage = redactor.Redact(ExtractMessage(body) ?? DescribeBody(body));
        var status = (int)response.StatusCode;
        var message = $"Model '{settings.Name}' ({settings.Provider}, model id '{settings.Model}') returned HTTP {status} " +
            $"{response.ReasonPhrase ?? response.StatusCode.ToString()} after {Attempts(attempts)}: {providerMessage} {Advice(response.StatusCode, settings)}";
        return new FelModelException(settings.Name, settings.Provider.ToString(), status, providerMessage, message);
    }

    /// <summary>
    /// Returns <c>error.message</c> (OpenAI), <c>error</c> (Ollama), <c>message</c> or <c>detail</c> (vLLM and other
    /// FastAPI servers) of a JSON body, or <see langword="null"/> when the body has none of them.
    /// </summary>
    internal static string? ExtractMessage(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            if (root.TryGetProperty("error", out var error))
            {
                if (error.ValueKind == JsonValueKind.String)
                {
                    return error.GetString();
                }

                if (error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var nested) && nested.ValueKind == JsonValueKind.String)
                {
                    return nested.GetString();
                }
            }

            foreach (var name in (string[])["message", "detail"])
            {
                if (root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
                {
                    return value.GetString();
                }
            }

            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string DescribeBody(string body)
    {
        var trimmed = body.Trim();
        if (trimmed.Length == 0)
        {
            return "(the response body was empty)";
        }

        return trimmed.Length <= MaxBodyCharacters ? trimmed : trimmed[..MaxBodyCharacters] + " …";
    }

    private static async Task<string> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var buffer = new char[MaxBodyCharacters + 1];
            var read = await reader.ReadBlockAsync(buffer.AsMemory(), cancellationToken);
            return new string(buffer, 0, read);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or DecoderFallbackException)
        {
            return $"(the response body could not be read: {ex.Message})";
        }
    }

    private static string Attempts(int attempts) => attempts == 1 ? "1 attempt" : $"{attempts} attempts";

    private static string Advice(HttpStatusCode status, FelModelSettings settings) => (int)status switch
    {
        401 or 403 => $"Check Fel:Models:{settings.Name}:ApiKey or ApiKeyEnvironmentVariable.",
        404 => $"Check Fel:Models:{settings.Name}:Model and Fel:Models:{settings.Name}:Endpoint.",
        429 => $"The provider limits the request rate. Try again later. When it asked for a wait over 60 seconds, the call was not retried, and raising Fel:Models:{settings.Name}:MaxRetries does not change that.",
        >= 500 => $"The provider is failing. Try again later, or raise Fel:Models:{settings.Name}:MaxRetries.",
        _ => "The request was rejected; fix the input or the model's settings.",
    };
}
