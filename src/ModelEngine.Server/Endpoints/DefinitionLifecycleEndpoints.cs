using System.Globalization;
using ModelEngine.Server.Endpoints.Contracts;
using ModelEngine.Server.Identity;
using ModelEngine.Server.Problems;
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
        CancellationToken cancellationToken)
    {
        var record = await definitions.RetractAsync(definitionId, context.GetUser().Name, cancellationToken);
        return record.ToSummary();
    }

    private static async Task<WorkflowDefinitionSummary> RevertAsync(
        string definitionId,
        string version,
        HttpContext context,
        IWorkflowDefinitionService definitions,
        CancellationToken cancellationToken)
    {
        if (!int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1)
        {
            throw new RequestValidationException("version", version,
                $"Route value 'version' is '{version}', but it must be a version number, an integer from 1 to {int.MaxValue}.");
        }

        var record = await definitions.RevertAsync(definitionId, number, context.GetUser().Name, cancellationToken);
        return record.ToSummary();
    }

    private static async Task<IResult> DeleteAsync(
        string definitionId,
        string? force,
        IWorkflowDefinitionService definitions,
        CancellationToken cancellationToken)
    {
        await definitions.DeleteAsync(definitionId, Paging.ParseForce(force), cancellationToken);
        return Results.NoContent();
    }
}
