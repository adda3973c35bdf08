using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using ModelEngine.Server.Endpoints.Contracts;
using ModelEngine.Server.Identity;
using ModelEngine.Server.Idempotency;
using ModelEngine.Server.Problems;
using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Server.Endpoints;

/// <summary>
/// <c>/api/events</c>: resumes instances waiting in Event activities. Events come from other systems, so API key
/// clients and admins may trigger them.
/// </summary>
internal static class EventEndpoints
{
    private const string TriggerScope = "events/trigger";

    public static RouteGroupBuilder MapEventEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/events").WithTags("Events").RequireAuthorization(AccessPolicies.EventTrigger);
        group.MapPost("/{name}/trigger", TriggerAsync)
            .WithSummary("Resumes the instances waiting for an event, optionally only those with a correlation id. Honours Idempotency-Key.")
            .Produces<TriggerEventResponse>();
        return api;
    }

    private static async Task<IResult> TriggerAsync(
        string name,
        TriggerEventRequest? request,
        HttpContext context,
        IWorkflowRuntime runtime,
        IdempotencyGate idempotency,
        IOptions<JsonOptions> jsonOptions,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new RequestValidationException("name", name, "The event name is blank. Send the eventName that the Event activity waits for.");
        }

        var correlationId = string.IsNullOrEmpty(request?.CorrelationId) ? null : request.CorrelationId;
        if (IdempotencyGate.ReadKey(context) is not { } key)
        {
            var resumed = await runtime.TriggerEventAsync(name, correlationId, request?.Input, cancellationToken);
            return Results.Ok(new TriggerEventResponse(name, correlationId, resumed));
        }

        var caller = context.GetUser().Name;
        var hash = IdempotencyGate.HashRequest(name, JsonSerializer.Serialize(request, jsonOptions.Value.SerializerOptions));
        if (await idempotency.FindPreviousAsync(TriggerScope, caller, key, hash, cancellationToken) is { } previous)
        {
            return IdempotencyGate.Replay(context, previous);
        }

        // A trigger resumes each instance in its own commit, so the key is reserved in its own insert first: of two
        // requests with the same key, only the one whose insert succeeds resumes anything.
        var record = idempotency.NewRecord(TriggerScope, caller, key, hash);
        if (!await idempotency.TryReserveAsync(record, cancellationToken))
        {
            var first = await idempotency.FindPreviousAsync(TriggerScope, caller, key, hash, cancellationToken)
                ?? throw new IdempotencyInProgressException(key, TriggerScope, TimeSpan.Zero);
            return IdempotencyGate.Replay(context, first);
        }

        TriggerEventResponse response;
        try
        {
            var resumed = await runtime.TriggerEventAsync(name, correlationId, request?.Input, cancellationToken);
            response = new TriggerEventResponse(name, correlationId, resumed);
        }
        catch
        {
            await idempotency.ReleaseAsync(record);
            throw;
        }

        // NOTE: a crash between the trigger and this write leaves the key reserved without a response, so repeats get
        // 409 until the key expires.
        var body = JsonSerializer.Serialize(response, jsonOptions.Value.SerializerOptions);
        await idempotency.CompleteAsync(IdempotencyGate.WithResponse(record, StatusCodes.Status200OK, "application/json; charset=utf-8", body), CancellationToken.None);
        return Results.Content(body, "application/json; charset=utf-8");
    }
}
