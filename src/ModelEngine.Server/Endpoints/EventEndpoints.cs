using System.Text.Json.Nodes;
using ModelEngine.Server.Endpoints.Contracts;
using ModelEngine.Server.Identity;
using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Server.Endpoints;

/// <summary>
/// <c>/api/events</c>: resumes instances waiting in Event activities. Events come from other systems, so API key
/// clients and admins may trigger them.
/// </summary>
internal static class EventEndpoints
{
    public static RouteGroupBuilder MapEventEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/events").WithTags("Events").RequireAuthorization(AccessPolicies.RunTaskWorker);
        group.MapPost("/{name}/trigger", TriggerAsync)
            .WithSummary("Resumes the instances waiting for an event, optionally only those with a correlation id.");
        return api;
    }

    private static async Task<TriggerEventResponse> TriggerAsync(
        string name,
        TriggerEventRequest? request,
        IWorkflowRuntime runtime,
        CancellationToken cancellationToken)
    {
        var correlationId = string.IsNullOrEmpty(request?.CorrelationId) ? null : request.CorrelationId;
        var resumed = await runtime.TriggerEventAsync(name, correlationId, request?.Input, cancellationToken);
        return new TriggerEventResponse(name, correlationId, resumed);
    }
}
