using ModelEngine.Server.Auditing;
using ModelEngine.Server.Endpoints.Contracts;
using ModelEngine.Server.Identity;
using ModelEngine.Workflows.Auditing;
using ModelEngine.Workflows.Management;
using ModelEngine.Workflows.Persistence;

namespace ModelEngine.Server.Endpoints;

/// <summary>
/// The version history of a definition under <c>/api/workflow-definitions/{definitionId}</c>: list versions, retract
/// the published version, revert to an earlier version and delete the definition. All need the admins or designers
/// group.
/// </summary>
internal static class DefinitionLifecycleEndpoints
{
    public static RouteGroupBuilder MapDefinitionLifecycleEndpoints(this RouteGroupBuilder group)
    {
        group.MapGet("/{definitionId}/versions", ListVersionsAsync).RequireAuthorization(AccessPolicies.DefinitionWriter)
            .WithSummary("Lists the versions of a definition, newest first.")
            .Produces<ListResponse<WorkflowDefinitionSummary>>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{definitionId}/retract", RetractAsync).RequireAuthorization(AccessPolicies.DefinitionWriter)
            .WithSummary("Unpublishes the published version, so that no new instance can start.")
            .Produces<WorkflowDefinitionSummary>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{definitionId}/revert/{version}", RevertAsync).RequireAuthorization(AccessPolicies.DefinitionWriter)
            .WithSummary("Copies an earlier version as a new latest draft.")
            .Produces<WorkflowDefinitionSummary>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{definitionId}", DeleteAsync).RequireAuthorization(AccessPolicies.DefinitionWriter)
            .WithSummary("Deletes every version of a definition; with force=true, cancels its running instances first.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }

    private static async Task<ListResponse<WorkflowDefinitionSummary>> ListVersionsAsync(
        string definitionId,
        string? page,
        string? pageSize,
        IWorkflowDefinitionService definitions,
        CancellationToken cancellationToken)
    {
        var paging = Paging.Parse(page, pageSize);
        var result = await definitions.ListVersionsAsync(definitionId, paging, cancellationToken);
        return new ListResponse<WorkflowDefinitionSummary>(result.Items, result.TotalCount);
    }

    private static async Task<WorkflowDefinitionSummary> RetractAsync(
        string definitionId,
        HttpContext context,
        IWorkflowDefinitionService definitions,
        AuditTrail audit,
        CancellationToken cancellationToken)
    {
        var user = context.GetUser();
        var record = await definitions.RetractAsync(definitionId, user.Name, cancellationToken);
        await audit.RecordAsync(user, AuditActions.Retracted, AuditEntityTypes.WorkflowDefinition, record.DefinitionId, record.DefinitionId, record.Version);
        return record.ToSummary();
    }

    private static async Task<WorkflowDefinitionSummary> RevertAsync(
        string definitionId,
        string version,
        HttpContext context,
        IWorkflowDefinitionService definitions,
        AuditTrail audit,
        CancellationToken cancellationToken)
    {
        var number = StudioReadEndpoints.ParseVersion(version);
        var user = context.GetUser();
        var record = await definitions.RevertAsync(definitionId, number, user.Name, cancellationToken);
        await audit.RecordAsync(user, AuditActions.Reverted, AuditEntityTypes.WorkflowDefinition, record.DefinitionId, record.DefinitionId, record.Version,
            $"copy of version {number}");
        return record.ToSummary();
    }

    private static async Task<IResult> DeleteAsync(
        string definitionId,
        string? force,
        HttpContext context,
        IWorkflowDefinitionService definitions,
        AuditTrail audit,
        CancellationToken cancellationToken)
    {
        var forced = Paging.ParseForce(force);
        await definitions.DeleteAsync(definitionId, forced, cancellationToken);
        await audit.RecordAsync(context.GetUser(), AuditActions.Deleted, AuditEntityTypes.WorkflowDefinition, definitionId, definitionId,
            detail: forced ? "force=true" : null);
        return Results.NoContent();
    }
}
