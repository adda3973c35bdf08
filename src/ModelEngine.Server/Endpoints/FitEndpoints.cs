using ModelEngine.Fit.Registry;
using ModelEngine.Server.Endpoints.Contracts;
using ModelEngine.Server.Identity;

namespace ModelEngine.Server.Endpoints;

/// <summary><c>/api/fit</c>: reads the FIT operator catalog that InvokeOperator activities call into.</summary>
internal static class FitEndpoints
{
    public static RouteGroupBuilder MapFitEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/fit/fitables", List).RequireAuthorization(AccessPolicies.OperatorReader)
            .WithTags("Operators")
            .WithSummary("Lists the known genericables with their fitables, local and remote, and the live workers.")
            .Produces<FitCatalogResponse>()
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return api;
    }

    private static FitCatalogResponse List(IFitRegistry registry)
    {
        var items = registry.GenericableIds.Select(id => Describe(registry, id)).ToList();
        var workers = registry.Workers
            .OrderBy(worker => worker.WorkerId, StringComparer.Ordinal)
            .Select(worker => new FitWorkerResponse(
                worker.WorkerId,
                worker.NodeId,
                worker.Language,
                worker.Queue,
                worker.TransferEndpoint,
                worker.ExpiresAt,
                worker.Fitables.Select(fitable => new FitWorkerFitableResponse(fitable.GenericableId, fitable.Id)).ToList()))
            .ToList();
        return new FitCatalogResponse(items, items.Count, workers);
    }

    private static FitGenericableResponse Describe(IFitRegistry registry, string genericableId)
    {
        var contract = registry.GetGenericable(genericableId);
        var fitables = registry.GetFitables(genericableId)
            .Select(fitable =>
            {
                var local = registry.GetLocal(genericableId, fitable.Id);
                var workerIds = registry.GetWorkers(genericableId, fitable.Id).Select(worker => worker.WorkerId).ToList();
                return new FitFitableResponse(
                    fitable.Id, fitable.GenericableVersion, fitable.Aliases, fitable.Tags, fitable.IsDefault, fitable.DegradesTo,
                    local is not null, local?.Owner, workerIds);
            })
            .ToList();
        return new FitGenericableResponse(
            genericableId,
            contract?.Version ?? fitables.FirstOrDefault()?.GenericableVersion,
            contract?.Parameters.Select(parameter => new FitParameterResponse(parameter.Name, parameter.Type.ToString())).ToList(),
            contract?.ResultType.ToString(),
            fitables);
    }
}
