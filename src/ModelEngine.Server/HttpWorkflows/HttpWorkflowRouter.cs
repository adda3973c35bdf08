using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ModelEngine.Workflows.Activities.Http;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Server.HttpWorkflows;

/// <summary>
/// Finds what a request under <c>/workflows/</c> reaches. A waiting instance's HttpEndpoint bookmark comes first, so
/// that a flow can receive follow-up requests on its own start route; otherwise the trigger table decides. Both are
/// read from the database on each request, so a publish or a new bookmark on another node counts at once.
/// </summary>
internal sealed class HttpWorkflowRouter
{
    private readonly IHttpTriggerStore _triggers;
    private readonly IWorkflowInstanceStore _instances;
    private readonly ConcurrentDictionary<string, HttpRouteTemplate?> _templates = new(StringComparer.Ordinal);

    public HttpWorkflowRouter(IHttpTriggerStore triggers, IWorkflowInstanceStore instances)
    {
        _triggers = triggers;
        _instances = instances;
    }

    /// <summary>
    /// Returns the match, or <see langword="null"/> with the methods the path accepts (empty when nothing matches the
    /// path). Throws <see cref="WorkflowConflictException"/> when several waiting instances match and no correlation id
    /// distinguishes them.
    /// </summary>
    public async Task<(HttpWorkflowMatch? Match, IReadOnlyList<string> AllowedMethods)> ResolveAsync(
        string method, IReadOnlyList<string> segments, string? correlationId, CancellationToken cancellationToken)
    {
        var allowed = new SortedSet<string>(StringComparer.Ordinal);
        var waiting = new List<HttpWorkflowMatch>();

        // NOTE: every HttpEndpoint bookmark is read and matched here. A store index on the route key would avoid that.
        foreach (var bookmark in await _instances.ListBookmarksAsync(HttpEndpoint.TypeName, null, cancellationToken))
        {
            if (JsonNode.Parse(bookmark.PayloadJson ?? "{}") is not JsonObject payload
                || Parse(payload[HttpEndpoint.PathPayload]?.GetValue<string>()) is not { } template
                || template.Match(segments) is not { } values)
            {
                continue;
            }

            var methods = payload[HttpEndpoint.MethodsPayload] is JsonArray array
                ? array.Select(item => item?.GetValue<string>() ?? "").ToList()
                : ["GET"];
            allowed.UnionWith(methods);
            if (!methods.Contains(method, StringComparer.Ordinal) || (correlationId is not null && bookmark.CorrelationId != correlationId))
            {
                continue;
            }

            var authorize = payload[HttpEndpoint.AuthorizePayload]?.GetValue<bool>() ?? true;
            waiting.Add(new HttpWorkflowMatch(values, authorize, payload[HttpEndpoint.PolicyPayload]?.GetValue<string>(), null, bookmark));
        }

        if (waiting.Count > 1)
        {
            throw new WorkflowConflictException(
                $"{waiting.Count} workflow instances wait for {method} /workflows/{string.Join('/', segments)}. Send the instance's correlation id in an "
                + $"'{HttpWorkflowEndpoints.CorrelationHeader}' header or a 'correlationId' query parameter to pick one.");
        }

        if (waiting.Count == 1)
        {
            return (waiting[0], allowed.ToList());
        }

        foreach (var trigger in await _triggers.ListAsync(cancellationToken))
        {
            if (Parse(trigger.Path) is not { } template || template.Match(segments) is not { } values)
            {
                continue;
            }

            allowed.Add(trigger.Method);
            if (trigger.Method == method)
            {
                return (new HttpWorkflowMatch(values, trigger.Authorize, trigger.Policy, trigger, null), allowed.ToList());
            }
        }

        return (null, allowed.ToList());
    }

    private HttpRouteTemplate? Parse(string? path) =>
        path is null ? null : _templates.GetOrAdd(path, text => HttpRouteTemplate.TryParse(text, out var template, out _) ? template : null);
}
