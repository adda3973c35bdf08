using System.Globalization;
using System.Text.Json.Nodes;
using ModelEngine.Server.Identity;
using ModelEngine.Server.Problems;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Server.Endpoints;

/// <summary>
/// The definition models that the studio shows read-only: the version an instance runs, for anyone who may read the
/// instance, and one stored version of a definition, for designers and admins.
/// </summary>
internal static class StudioReadEndpoints
{
    public static RouteGroupBuilder MapStudioReadEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/workflow-instances/{id}/definition", GetInstanceDefinitionAsync).WithTags("Workflow instances")
            .WithSummary("Returns the definition model of the version that an instance runs.")
            .Produces<JsonObject>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/workflow-definitions/{definitionId}/versions/{version}", GetVersionAsync).WithTags("Workflow definitions")
            .RequireAuthorization(AccessPolicies.DefinitionWriter)
            .WithSummary("Returns the model of one version of a definition.")
            .Produces<JsonObject>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> GetInstanceDefinitionAsync(
        string id,
        HttpContext context,
        IWorkflowInstanceStore instances,
        IWorkflowDefinitionStore definitions,
        InstanceAccess access,
        CancellationToken cancellationToken)
    {
        var summary = await instances.FindSummaryAsync(id, cancellationToken);
        if (summary is null || !await access.CanReadAsync(summary, context.GetUser(), cancellationToken))
        {
            throw new WorkflowNotFoundException($"Workflow instance '{id}' does not exist or is not visible to this user.");
        }

        // Deleting a definition removes all its versions but keeps its finished instances, which then have no model.
        var record = await definitions.FindByIdAsync(summary.DefinitionVersionId, cancellationToken)
            ?? throw new WorkflowNotFoundException(
                $"Version {summary.Version} of workflow definition '{summary.DefinitionId}', which workflow instance '{id}' runs, no longer exists.");
        return Results.Json(DefinitionEndpoints.ToModel(record));
    }

    private static async Task<IResult> GetVersionAsync(
        string definitionId,
        string version,
        IWorkflowDefinitionStore definitions,
        CancellationToken cancellationToken)
    {
        var number = ParseVersion(version);
        var record = await definitions.FindVersionAsync(definitionId, number, cancellationToken)
            ?? throw new WorkflowNotFoundException($"Workflow definition '{definitionId}' has no version {number}.");
        return Results.Json(DefinitionEndpoints.ToModel(record));
    }

    /// <summary>Reads the <c>version</c> route value, or throws <see cref="RequestValidationException"/> naming it.</summary>
    internal static int ParseVersion(string version)
    {
        if (!int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1)
        {
            throw new RequestValidationException("version", version,
                $"Route value 'version' is '{version}', but it must be a version number, an integer from 1 to {int.MaxValue}.");
        }

        return number;
    }
}
