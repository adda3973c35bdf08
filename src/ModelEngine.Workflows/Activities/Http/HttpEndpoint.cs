using System.Text.Json.Nodes;
using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Workflows.Activities.Http;

/// <summary>
/// Receives an HTTP request to <c>/workflows/{path}</c>. Where the root flowchart starts with it, a matching request
/// starts an instance of the published version. Anywhere else it waits on a bookmark that a matching request resumes.
/// The request becomes its outputs.
/// </summary>
[Activity("ModelEngine", "HTTP", "Waits for an HTTP request to /workflows/{path} that matches its path and methods.",
    Aliases = ["Elsa.HttpEndpoint"], Kind = "Trigger", DisplayName = "HTTP Endpoint")]
public sealed class HttpEndpoint : Activity
{
    public const string TypeName = "ModelEngine.HttpEndpoint";

    /// <summary>The bookmark payload's fields, which the host matches requests against.</summary>
    public const string PathPayload = "path";
    public const string RouteKeyPayload = "routeKey";
    public const string MethodsPayload = "methods";
    public const string AuthorizePayload = "authorize";
    public const string PolicyPayload = "policy";

    [Input(Description = "The path under /workflows/, with route values in braces, such as orders/{id}.", IsRequired = true)]
    public Input<string>? Path { get; set; }

    [Input(Description = "The HTTP methods to accept.", UIHint = UIHints.MultiText, DefaultValue = new[] { "GET" },
        Options = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"])]
    public Input<string[]>? SupportedMethods { get; set; }

    [Input(Description = "Accept authenticated callers only; others get 401.", Category = "Security", DefaultValue = true)]
    public Input<bool>? Authorize { get; set; }

    [Input(Description = "The name of an authorization policy the caller must satisfy; others get 403.", Category = "Security")]
    public Input<string>? Policy { get; set; }

    [Output(Description = "The request: id, method, path, routeValues, query, headers and body.")]
    public Output<object>? Result { get; set; }

    [Output(Description = "The body: parsed JSON for a JSON content type, else the text.")]
    public Output<object>? ParsedContent { get; set; }

    [Output(Description = "The route values, such as { \"id\": \"17\" } for orders/{id}.")]
    public Output<object>? RouteData { get; set; }

    [Output(Description = "The query parameters.")]
    public Output<object>? QueryStringData { get; set; }

    [Output(Description = "The request headers, without credentials.")]
    public Output<object>? Headers { get; set; }

    protected internal override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        if (HttpRequestModel.TakeTriggerRequest(context.WorkflowContext.State, NodeId) is { } request)
        {
            await ReceiveAsync(context, request);
            return;
        }

        var pathText = await context.EvaluateAsync(Path, "path");
        if (!HttpRouteTemplate.TryParse(pathText, out var template, out var error))
        {
            throw new WorkflowFaultException($"Activity '{Id}' (HttpEndpoint) has an invalid 'path': {error}");
        }

        var methods = NormalizeMethods(await context.EvaluateAsync(SupportedMethods, "supportedMethods"));
        var authorize = Authorize?.Expression is null || await context.EvaluateAsync(Authorize, "authorize");
        var policy = await context.EvaluateAsync(Policy, "policy");
        context.CreateBookmark(new JsonObject
        {
            [PathPayload] = template.Template,
            [RouteKeyPayload] = template.Key,
            [MethodsPayload] = new JsonArray(methods.Select(method => (JsonNode?)method).ToArray()),
            [AuthorizePayload] = authorize,
            [PolicyPayload] = string.IsNullOrWhiteSpace(policy) ? null : policy,
        });
    }

    protected internal override async ValueTask ResumeAsync(ActivityExecutionContext context)
    {
        var request = context.ResumeInput as JsonObject ?? [];
        await ReceiveAsync(context, (JsonObject)request.DeepClone());
    }

    /// <summary>
    /// Returns the methods in upper case, without duplicates, or GET when none is given. The names are not checked
    /// against a list, so that extension methods work.
    /// </summary>
    public static IReadOnlyList<string> NormalizeMethods(IEnumerable<string>? methods)
    {
        var normalized = (methods ?? [])
            .Where(method => !string.IsNullOrWhiteSpace(method))
            .Select(method => method.Trim().ToUpperInvariant())
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return normalized.Count == 0 ? ["GET"] : normalized;
    }

    private async ValueTask ReceiveAsync(ActivityExecutionContext context, JsonObject request)
    {
        if (request[HttpRequestModel.Id] is JsonValue id && id.TryGetValue(out string? requestId))
        {
            context.WorkflowContext.State.Properties[HttpRequestModel.CurrentRequestProperty] = requestId;
        }

        context.SetOutput("parsedContent", request[HttpRequestModel.Body]?.DeepClone(), ParsedContent);
        context.SetOutput("routeData", request[HttpRequestModel.RouteValues]?.DeepClone(), RouteData);
        context.SetOutput("queryStringData", request[HttpRequestModel.Query]?.DeepClone(), QueryStringData);
        context.SetOutput("headers", request[HttpRequestModel.Headers]?.DeepClone(), Headers);
        context.SetOutput("result", request, Result);
        await context.CompleteAsync();
    }
}
