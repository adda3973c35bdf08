using ModelEngine.Server.Auditing;
using ModelEngine.Server.Endpoints.Contracts;
using ModelEngine.Server.Problems;
using ModelEngine.Workflows.Auditing;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Runtime;
using ModelEngine.Workflows.Runtime.Migration;
using ModelEngine.Workflows.Security;

namespace ModelEngine.Server.Endpoints;

/// <summary>
/// <c>/api/workflow-instances/{id}/migrate</c> and <c>/api/workflow-instances/migrate</c>: move waiting instances to
/// another published version of their definition. Only admins migrate; other readers get 403, and callers who cannot
/// read an instance get 404 for it.
/// </summary>
internal static class InstanceMigrationEndpoints
{
    /// <summary>The maximum number of instances one bulk request migrates.</summary>
    internal const int MaxBulkCount = 1000;

    public static RouteGroupBuilder MapInstanceMigrationEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/workflow-instances").WithTags("Workflow instances");
        group.MapPost("/{id}/migrate", MigrateAsync)
            .WithSummary("Moves a waiting instance to another published version of its definition, mapping activity ids.")
            .Produces<WorkflowInstanceResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/migrate", MigrateManyAsync)
            .WithSummary("Migrates several instances with one target version and map; each instance succeeds or is rejected on its own.")
            .Produces<ListResponse<MigrationResultResponse>>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return api;
    }

    private static async Task<IResult> MigrateAsync(
        string id,
        MigrateInstanceRequest? request,
        HttpContext context,
        IWorkflowRuntime runtime,
        IWorkflowInstanceStore store,
        InstanceAccess access,
        AuditTrail audit,
        CancellationToken cancellationToken)
    {
        var user = context.GetUser();
        ValidateTargetVersion(request?.TargetVersion);
        var summary = await store.FindSummaryAsync(id, cancellationToken);
        if (summary is null || !await access.CanReadAsync(summary, user, cancellationToken))
        {
            throw new WorkflowNotFoundException($"Workflow instance '{id}' does not exist or is not visible to this user.");
        }

        if (!user.IsAdmin)
        {
            return Forbidden();
        }

        var view = await runtime.MigrateAsync(new MigrateWorkflowRequest(id, request?.TargetVersion, request?.ActivityIdMap, user.Name), cancellationToken);
        await RecordMigratedAsync(audit, user, view, summary.Version);
        return Results.Ok(WorkflowInstanceResponse.From(view));
    }

    private static async Task<IResult> MigrateManyAsync(
        BulkMigrateRequest? request,
        HttpContext context,
        IWorkflowRuntime runtime,
        IWorkflowInstanceStore store,
        AuditTrail audit,
        CancellationToken cancellationToken)
    {
        var user = context.GetUser();
        if (request?.InstanceIds is not { Count: > 0 } ids)
        {
            throw new RequestValidationException("$.instanceIds", null, "Field 'instanceIds' is missing or empty. List the ids of the instances to migrate.");
        }

        if (ids.Count > MaxBulkCount)
        {
            throw new RequestValidationException("$.instanceIds", ids.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"Field 'instanceIds' lists {ids.Count} instances; one request migrates at most {MaxBulkCount}. Split the list.");
        }

        ValidateTargetVersion(request.TargetVersion);
        if (!user.IsAdmin)
        {
            return Forbidden();
        }

        var results = new List<MigrationResultResponse>(ids.Count);
        foreach (var id in ids.Distinct(StringComparer.Ordinal))
        {
            results.Add(await MigrateOneAsync(runtime, store, audit, id, request, user, cancellationToken));
        }

        return Results.Ok(new ListResponse<MigrationResultResponse>(results, results.Count));
    }

    /// <summary>Migrates one instance of a bulk request and turns a refusal into its result item.</summary>
    private static async Task<MigrationResultResponse> MigrateOneAsync(
        IWorkflowRuntime runtime,
        IWorkflowInstanceStore store,
        AuditTrail audit,
        string id,
        BulkMigrateRequest request,
        UserIdentity user,
        CancellationToken cancellationToken)
    {
        try
        {
            var fromVersion = (await store.FindSummaryAsync(id, cancellationToken))?.Version;
            var view = await runtime.MigrateAsync(new MigrateWorkflowRequest(id, request.TargetVersion, request.ActivityIdMap, user.Name), cancellationToken);
            await RecordMigratedAsync(audit, user, view, fromVersion);
            return new MigrationResultResponse(id, "Migrated", view.Summary.Version);
        }
        catch (MigrationRejectedException rejected)
        {
            return new MigrationResultResponse(id, "Rejected", Status: StatusCodes.Status409Conflict, ActivityId: rejected.ActivityId, Detail: rejected.Message);
        }
        catch (Exception exception) when (exception is InvalidMigrationRequestException or WorkflowNotFoundException or WorkflowConflictException or ConcurrencyConflictException)
        {
            var status = exception switch
            {
                InvalidMigrationRequestException => StatusCodes.Status400BadRequest,
                WorkflowNotFoundException => StatusCodes.Status404NotFound,
                _ => StatusCodes.Status409Conflict,
            };
            return new MigrationResultResponse(id, "Rejected", Status: status, Detail: exception.Message);
        }
    }

    private static Task RecordMigratedAsync(AuditTrail audit, UserIdentity user, WorkflowInstanceView view, int? fromVersion) =>
        audit.RecordAsync(
            user,
            AuditActions.Migrated,
            AuditEntityTypes.WorkflowInstance,
            view.Summary.Id,
            view.Summary.DefinitionId,
            view.Summary.Version,
            fromVersion is { } version ? $"from version {version}" : null);

    private static void ValidateTargetVersion(int? targetVersion)
    {
        if (targetVersion is < 1)
        {
            throw new RequestValidationException("$.targetVersion", targetVersion.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"Field 'targetVersion' is {targetVersion}; it must be a version number of at least 1, or left out to use the published version.");
        }
    }

    private static IResult Forbidden() => Results.Problem(
        statusCode: StatusCodes.Status403Forbidden,
        title: "The operation is not allowed for this user.",
        detail: "Only a member of the 'admins' group may migrate workflow instances.");
}
