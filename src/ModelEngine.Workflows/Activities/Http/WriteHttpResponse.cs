using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ModelEngine.Workflows.Runtime;
using ModelEngine.Workflows.Validation;

namespace ModelEngine.Workflows.Activities.Http;

/// <summary>
/// Writes the response to the HTTP request that last started or resumed the instance through an HttpEndpoint. The
/// response goes to the waiting request as soon as this activity runs, while the rest of the step goes on. Without such
/// a request, or when the request already has its response, it writes a journal record and completes.
/// </summary>
[Activity("ModelEngine", "HTTP", "Writes the response to the HTTP request that started or resumed the instance.",
    Aliases = ["Elsa.WriteHttpResponse"], DisplayName = "HTTP Response")]
public sealed class WriteHttpResponse : Activity
{
    private const int DefaultStatusCode = 200;
    private const string ResponseHeadersProperty = "responseHeaders";

    [Input(Description = "The HTTP status code, from 200 to 599.", DefaultValue = DefaultStatusCode)]
    public Input<int>? StatusCode { get; set; }

    [Input(Description = "The body: text is sent as it is, anything else as JSON.", DefaultSyntax = "JavaScript")]
    public Input<object>? Content { get; set; }

    [Input(Description = "The content type; text/plain for text and application/json for anything else when unset.")]
    public Input<string>? ContentType { get; set; }

    [Input(Description = "Response headers, as an object of header names to a string or an array of strings.", UIHint = UIHints.JsonEditor)]
    public Input<object>? ResponseHeaders { get; set; }

    protected internal override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var statusCode = StatusCode?.Expression is null ? DefaultStatusCode : await context.EvaluateAsync(StatusCode, "statusCode");
        if (statusCode is < 200 or > 599)
        {
            throw new WorkflowFaultException($"Activity '{Id}' (WriteHttpResponse) has 'statusCode' {statusCode}; use a status code from 200 to 599.");
        }

        var content = Models.JsonValueFactory.From(await context.EvaluateAsync(Content, "content"));
        var contentType = await context.EvaluateAsync(ContentType, "contentType");
        var headers = ReadHeaders(Models.JsonValueFactory.From(await context.EvaluateAsync(ResponseHeaders, ResponseHeadersProperty)));
        var (body, defaultType) = content switch
        {
            null => ((string?)null, (string?)null),
            JsonValue text when text.TryGetValue(out string? value) => (value, "text/plain; charset=utf-8"),
            _ => (content.ToJsonString(), "application/json; charset=utf-8"),
        };

        var response = new HttpResponseData(statusCode, string.IsNullOrWhiteSpace(contentType) ? defaultType : contentType.Trim(), headers, body);
        var properties = context.WorkflowContext.State.Properties;
        if (properties[HttpRequestModel.CurrentRequestProperty] is not JsonValue current || !current.TryGetValue(out string? requestId))
        {
            context.Journal(Runtime.JournalEvents.WriteLine, "No HTTP request waits for a response: the instance was not started or resumed by an HttpEndpoint, or the request was already answered.");
            await context.CompleteAsync();
            return;
        }

        // One response per request: a second WriteHttpResponse for the same request finds none. The stored copy reaches
        // a request that waits on another node once this step commits.
        properties.Remove(HttpRequestModel.CurrentRequestProperty);
        properties[HttpRequestModel.ResponseProperty] = HttpRequestModel.ToStoredResponse(requestId, response);

        foreach (var sink in context.Services.GetServices<IHttpResponseSink>())
        {
            sink.Write(requestId, context.WorkflowInstanceId, response);
        }

        await context.CompleteAsync();
    }

    protected internal override IEnumerable<ValidationError> Validate()
    {
        // An expression is evaluated when the activity runs, and ReadHeaders faults the activity then.
        if (!LiteralInputs.TryReadValue(ResponseHeaders, out var literal))
        {
            yield break;
        }

        var node = Models.JsonValueFactory.From(literal);
        if (node is not null and not JsonObject)
        {
            yield return new ValidationError(Id, ResponseHeadersProperty, node.ToJsonString(), NotAnObjectMessage(node));
            yield break;
        }

        foreach (var (name, values) in ToHeaders(node as JsonObject))
        {
            if (HttpResponseHeaderRules.FindProblem(name, values) is { } problem)
            {
                yield return new ValidationError(Id, ResponseHeadersProperty, name, HeaderMessage(problem));
            }
        }
    }

    private IReadOnlyDictionary<string, string[]> ReadHeaders(JsonNode? node)
    {
        if (node is not null and not JsonObject)
        {
            throw new WorkflowFaultException(NotAnObjectMessage(node));
        }

        var headers = ToHeaders(node as JsonObject);
        foreach (var (name, values) in headers)
        {
            if (HttpResponseHeaderRules.FindProblem(name, values) is { } problem)
            {
                throw new WorkflowFaultException(HeaderMessage(problem));
            }
        }

        return headers;
    }

    private string NotAnObjectMessage(JsonNode node) =>
        $"Activity '{Id}' (WriteHttpResponse) has 'responseHeaders' {node.ToJsonString()}; give an object of header names to strings, such as {{ \"Location\": \"/orders/17\" }}.";

    private string HeaderMessage(string problem) => $"Activity '{Id}' (WriteHttpResponse) input '{ResponseHeadersProperty}': {problem}.";

    private static Dictionary<string, string[]> ToHeaders(JsonObject? entries)
    {
        var headers = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        if (entries is null)
        {
            return headers;
        }

        foreach (var (name, value) in entries)
        {
            headers[name] = value switch
            {
                null => [],
                JsonArray array => array.Select(item => item is JsonValue text && text.TryGetValue(out string? s) ? s : item?.ToJsonString() ?? "").ToArray(),
                JsonValue text when text.TryGetValue(out string? s) => [s],
                _ => [value.ToJsonString()],
            };
        }

        return headers;
    }
}
