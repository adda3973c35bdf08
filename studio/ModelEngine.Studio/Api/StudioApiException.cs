using System.Net;
using System.Text.Json.Nodes;

namespace ModelEngine.Studio.Api;

/// <summary>A non-success response from the server, with its problem details when the body had them.</summary>
public sealed class StudioApiException(HttpStatusCode status, string message, JsonObject? problem)
    : Exception(message)
{
    public HttpStatusCode Status { get; } = status;

    /// <summary>The RFC 9457 problem details document, or <see langword="null"/> when the body was not one.</summary>
    public JsonObject? Problem { get; } = problem;

    /// <summary>The <c>detail</c> member, or the <c>title</c>, or the message.</summary>
    public string Detail => Problem?["detail"]?.GetValue<string>() ?? Problem?["title"]?.GetValue<string>() ?? Message;
}
