using System.Text.Json.Nodes;

namespace ModelEngine.Fel.Providers.Tests.Infrastructure;

/// <summary>A request that <see cref="LoopbackModelServer"/> received.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path, without the query string.</param>
/// <param name="Authorization">The Authorization header, or <see langword="null"/> when none was sent.</param>
/// <param name="ContentType">The Content-Type header.</param>
/// <param name="Body">The raw body.</param>
/// <param name="ReceivedAt">When the request arrived, by the server's clock (a fake one in retry tests).</param>
public sealed record RecordedRequest(string Method, string Path, string? Authorization, string? ContentType, string Body, DateTimeOffset ReceivedAt)
{
    /// <summary>The body parsed as JSON.</summary>
    public JsonNode Json => JsonNode.Parse(Body) ?? throw new InvalidOperationException("The request body is the JSON literal null.");
}
