namespace ModelEngine.Server.HttpWorkflows;

/// <summary>
/// <c>/workflows/{path}</c>: requests that start instances at a published definition's HttpEndpoint or resume a
/// waiting one. Routing admits anonymous callers, because each HttpEndpoint decides with its own authorize and policy.
/// </summary>
internal static class HttpWorkflowEndpoints
{
    /// <summary>The header that names the instance a request resumes, when several wait on the same route.</summary>
    public const string CorrelationHeader = "X-Correlation-Id";

    /// <summary>The header that carries the id of the instance a request started or resumed.</summary>
    public const string InstanceHeader = "X-Workflow-Instance-Id";

    public static WebApplication MapHttpWorkflowEndpoints(this WebApplication app)
    {
        app.Map("/workflows/{**path}", (string? path, HttpContext context, HttpWorkflowHandler handler, CancellationToken cancellationToken) =>
                handler.HandleAsync(path ?? "", context, cancellationToken))
            .AllowAnonymous()
            .WithTags("HTTP workflows")
            .WithSummary("Starts or resumes the workflow whose HttpEndpoint matches the path and method.");
        return app;
    }
}
