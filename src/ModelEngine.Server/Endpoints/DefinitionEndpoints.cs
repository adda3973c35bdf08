using System.Text.Json.Nodes;
using ModelEngine.Server.Auditing;
using ModelEngine.Server.Endpoints.Contracts;
using ModelEngine.Server.Identity;
using ModelEngine.Server.Problems;
using ModelEngine.Workflows.Auditing;
using ModelEngine.Workflows.Management;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Runtime;
using ModelEngine.Workflows.Security;

namespace ModelEngine.Server.Endpoints;

/// <summary>
/// <c>/api/workflow-definitions</c>: save, list, read, publish, export and import definitions, and start instances.
/// Any authenticated caller reads and starts published definitions; writing needs the admins or designers group.
/// Version history, retract, revert and delete are in DefinitionLifecycleEndpoints.cs.
/// </summary>
internal static class DefinitionEndpoints
{
    public static RouteGroupBuilder MapDefinitionEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/workflow-definitions").WithTags("Workflow definitions");

        group.MapPost("/", SaveAsync).RequireAuthorization(AccessPolicies.DefinitionWriter)
            .WithSummary("Saves a definition as a draft, or publishes it with publish: true.")
            .Produces<SaveDefinitionResponse>(StatusCodes.Status201Created)
            .Produces<SaveDefinitionResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/", ListAsync).WithSummary("Lists definitions: the latest versions for designers, the published ones for others.");
        group.MapPost("/import", ImportAsync).RequireAuthorization(AccessPolicies.DefinitionWriter)
            .WithSummary("Imports an Elsa 3 export file, keeping its definitionId and isPublished.")
            .Accepts<JsonObject>("application/json")
            .Produces<SaveDefinitionResponse>(StatusCodes.Status201Created)
            .Produces<SaveDefinitionResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/{definitionId}", GetAsync).WithSummary("Returns a definition model in Elsa 3's shape.")
            .Produces<JsonObject>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{definitionId}/publish", PublishAsync).RequireAuthorization(AccessPolicies.DefinitionWriter)
            .WithSummary("Publishes the latest version after validating it.");
        group.MapGet("/{definitionId}/export", ExportAsync).RequireAuthorization(AccessPolicies.DefinitionWriter)
            .WithSummary("Returns the latest version as an Elsa 3 export file.")
            .Produces<JsonObject>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{definitionId}/dispatch", DispatchAsync)
            .WithSummary("Commits a Pending instance of the published version and runs it in the background.")
            .Produces<DispatchResponse>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{definitionId}/execute", ExecuteAsync)
            .WithSummary("Runs a new instance until it suspends, finishes or faults, and returns it.");
        group.MapDefinitionLifecycleEndpoints();
        return api;
    }

    private static async Task<IResult> SaveAsync(
        SaveDefinitionRequest? request,
        HttpContext context,
        IWorkflowDefinitionService definitions,
        AuditTrail audit,
        CancellationToken cancellationToken)
    {
        if (request?.Model is null)
        {
            throw new RequestValidationException("model", null,
                "The body needs 'model', a workflow definition in Elsa 3's shape, as in { \"model\": { ... }, \"publish\": false }.");
        }

        var user = context.GetUser();
        var result = await definitions.SaveAsync(request.Model, request.Publish, user.Name, cancellationToken);
        await RecordSavedAsync(audit, user, AuditActions.Saved, result);
        return SavedResult(result);
    }

    private static async Task<IResult> ImportAsync(
        JsonObject? model,
        HttpContext context,
        IWorkflowDefinitionService definitions,
        AuditTrail audit,
        CancellationToken cancellationToken)
    {
        if (model is null)
        {
            throw new RequestValidationException("body", null, "The body must be an Elsa 3 workflow definition export file, a JSON object.");
        }

        var user = context.GetUser();
        var result = await definitions.ImportAsync(model, user.Name, cancellationToken);
        await RecordSavedAsync(audit, user, AuditActions.Imported, result);
        return SavedResult(result);
    }

    private static async Task<ListResponse<WorkflowDefinitionSummary>> ListAsync(
        string? page,
        string? pageSize,
        string? searchTerm,
        bool? publishedOnly,
        HttpContext context,
        IWorkflowDefinitionService definitions,
        CancellationToken cancellationToken)
    {
        var paging = Paging.Parse(page, pageSize);
        var onlyPublished = publishedOnly == true || !CanWrite(context.GetUser());
        var result = await definitions.ListAsync(new DefinitionListQuery(paging, searchTerm, onlyPublished), cancellationToken);
        return new ListResponse<WorkflowDefinitionSummary>(result.Items, result.TotalCount);
    }

    private static async Task<IResult> GetAsync(
        string definitionId,
        HttpContext context,
        IWorkflowDefinitionService definitions,
        IWorkflowDefinitionStore store,
        CancellationToken cancellationToken)
    {
        if (CanWrite(context.GetUser()))
        {
            var latest = await definitions.GetLatestAsync(definitionId, cancellationToken)
                ?? throw new WorkflowNotFoundException($"Workflow definition '{definitionId}' does not exist.");
            return Results.Json(latest);
        }

        var published = await store.FindPublishedAsync(definitionId, cancellationToken)
            ?? throw new WorkflowNotFoundException($"Workflow definition '{definitionId}' does not exist or has no published version.");
        return Results.Json(ToModel(published));
    }

    private static async Task<SaveDefinitionResponse> PublishAsync(
        string definitionId,
        HttpContext context,
        IWorkflowDefinitionService definitions,
        AuditTrail audit,
        CancellationToken cancellationToken)
    {
        var user = context.GetUser();
        var record = await definitions.PublishAsync(definitionId, user.Name, cancellationToken);
        await audit.RecordAsync(user, AuditActions.Published, AuditEntityTypes.WorkflowDefinition, record.DefinitionId, record.DefinitionId, record.Version);
        return new SaveDefinitionResponse(record.DefinitionId, record.Id, record.Version, record.IsPublished, record.IsLatest, record.Name, []);
    }

    private static async Task<IResult> ExportAsync(string definitionId, IWorkflowDefinitionService definitions, CancellationToken cancellationToken)
    {
        var export = await definitions.ExportAsync(definitionId, cancellationToken)
            ?? throw new WorkflowNotFoundException($"Workflow definition '{definitionId}' does not exist.");
        var fileName = $"workflow-definition-{definitionId}.json";
        return new FileNameResult(Results.Json(export), fileName);
    }

    private static async Task<IResult> DispatchAsync(
        string definitionId,
        DispatchRequest? request,
        HttpContext context,
        IWorkflowRuntime runtime,
        CancellationToken cancellationToken)
    {
        var instanceId = await runtime.DispatchAsync(ToStartRequest(definitionId, request, context), cancellationToken);
        return Results.Accepted($"/api/workflow-instances/{instanceId}", new DispatchResponse(instanceId));
    }

    private static async Task<WorkflowInstanceResponse> ExecuteAsync(
        string definitionId,
        DispatchRequest? request,
        HttpContext context,
        IWorkflowRuntime runtime,
        CancellationToken cancellationToken)
    {
        var view = await runtime.ExecuteAsync(ToStartRequest(definitionId, request, context), cancellationToken);
        return WorkflowInstanceResponse.From(view);
    }

    /// <summary>
    /// Builds the start request of dispatch and execute, with the caller as the initiator and the optional
    /// <c>Idempotency-Key</c> header.
    /// </summary>
    private static StartWorkflowRequest ToStartRequest(string definitionId, DispatchRequest? request, HttpContext context)
    {
        var key = Idempotency.IdempotencyGate.ReadKey(context);
        return new(definitionId, request?.Input, request?.CorrelationId, context.GetUser().Name, IdempotencyKey: key);
    }

    /// <summary>Records a save or an import, and a publish when the saved version was published by it.</summary>
    private static async Task RecordSavedAsync(AuditTrail audit, UserIdentity user, string action, SaveDefinitionResult result)
    {
        var record = result.Definition;
        await audit.RecordAsync(user, action, AuditEntityTypes.WorkflowDefinition, record.DefinitionId, record.DefinitionId, record.Version,
            result.Created ? "new definition" : null);
        if (record.IsPublished)
        {
            await audit.RecordAsync(user, AuditActions.Published, AuditEntityTypes.WorkflowDefinition, record.DefinitionId, record.DefinitionId, record.Version);
        }
    }

    private static IResult SavedResult(SaveDefinitionResult result)
    {
        var record = result.Definition;
        var response = new SaveDefinitionResponse(
            record.DefinitionId, record.Id, record.Version, record.IsPublished, record.IsLatest, record.Name, result.Warnings);
        return result.Created
            ? Results.Created($"/api/workflow-definitions/{Uri.EscapeDataString(record.DefinitionId)}", response)
            : Results.Ok(response);
    }

    private static bool CanWrite(UserIdentity user) => user.IsAdmin || user.IsDesigner;

    /// <summary>Returns a stored version's model with its header fields set from the record.</summary>
    internal static JsonObject ToModel(WorkflowDefinitionRecord record)
    {
        var model = JsonNode.Parse(record.ModelJson) as JsonObject ?? [];
        model["id"] = record.Id;
        model["definitionId"] = record.DefinitionId;
        model["version"] = record.Version;
        model["isLatest"] = record.IsLatest;
        model["isPublished"] = record.IsPublished;
        return model;
    }
}
