using System.Text.Json.Nodes;
using ModelEngine.Workflows.Runtime.State;

namespace ModelEngine.Workflows.Activities.Http;

/// <summary>
/// The names under which an HTTP request travels: the request object that the host builds and HttpEndpoint outputs,
/// and the instance properties that link a request to the WriteHttpResponse that responds to it.
/// </summary>
public static class HttpRequestModel
{
    /// <summary>The request object's id, which WriteHttpResponse responds to.</summary>
    public const string Id = "id";

    public const string Method = "method";

    /// <summary>The request path after <c>/workflows/</c>.</summary>
    public const string Path = "path";

    public const string RouteValues = "routeValues";

    /// <summary>Query parameters: a string, or an array of strings for a repeated parameter.</summary>
    public const string Query = "query";

    /// <summary>Request headers: a string, or an array of strings for a repeated header. Credentials are left out.</summary>
    public const string Headers = "headers";

    /// <summary>The body: parsed JSON for a JSON content type, else the text, or <see langword="null"/> when empty.</summary>
    public const string Body = "body";

    /// <summary>The instance property that carries the request of a starting trigger until its HttpEndpoint runs.</summary>
    public const string TriggerProperty = "httpTrigger";

    /// <summary>The id of the request that the next WriteHttpResponse responds to.</summary>
    public const string CurrentRequestProperty = "httpRequestId";

    /// <summary>The last response that WriteHttpResponse wrote, with the id of the request it responded to.</summary>
    public const string ResponseProperty = "httpResponse";

    /// <summary>Builds the instance properties of an instance that a request to <paramref name="activityNodeId"/> starts.</summary>
    public static JsonObject TriggerProperties(string activityNodeId, JsonObject request) => new()
    {
        [TriggerProperty] = new JsonObject { ["activityId"] = activityNodeId, ["request"] = request.DeepClone() },
    };

    /// <summary>
    /// Removes and returns the request of the starting trigger when it is meant for <paramref name="activityNodeId"/>,
    /// so that a later pass through the same activity waits for a new request.
    /// </summary>
    public static JsonObject? TakeTriggerRequest(WorkflowState state, string activityNodeId)
    {
        if (state.Properties[TriggerProperty] is not JsonObject trigger
            || trigger["activityId"]?.GetValue<string>() != activityNodeId
            || trigger["request"] is not JsonObject request)
        {
            return null;
        }

        state.Properties.Remove(TriggerProperty);
        return (JsonObject)request.DeepClone();
    }

    /// <summary>Builds the <see cref="ResponseProperty"/> value for a response to <paramref name="requestId"/>.</summary>
    public static JsonObject ToStoredResponse(string requestId, HttpResponseData response)
    {
        var headers = new JsonObject();
        foreach (var (name, values) in response.Headers)
        {
            headers[name] = new JsonArray(values.Select(value => (JsonNode?)value).ToArray());
        }

        return new JsonObject
        {
            ["requestId"] = requestId,
            ["statusCode"] = response.StatusCode,
            ["contentType"] = response.ContentType,
            ["headers"] = headers,
            ["body"] = response.Body,
        };
    }

    /// <summary>
    /// Returns the response that WriteHttpResponse stored in the instance for <paramref name="requestId"/>, or
    /// <see langword="null"/> when the last stored response belongs to another request. A host whose request waits on
    /// one node reads it when another node ran the step.
    /// </summary>
    public static HttpResponseData? ReadStoredResponse(WorkflowState state, string requestId)
    {
        if (state.Properties[ResponseProperty] is not JsonObject stored || stored["requestId"]?.GetValue<string>() != requestId)
        {
            return null;
        }

        var headers = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        if (stored["headers"] is JsonObject storedHeaders)
        {
            foreach (var (name, values) in storedHeaders)
            {
                headers[name] = values is JsonArray array ? array.Select(value => value?.GetValue<string>() ?? "").ToArray() : [];
            }
        }

        return new HttpResponseData(
            stored["statusCode"]?.GetValue<int>() ?? 200,
            stored["contentType"]?.GetValue<string>(),
            headers,
            stored["body"]?.GetValue<string>());
    }
}
