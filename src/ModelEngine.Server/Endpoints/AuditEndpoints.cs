using System.Globalization;
using ModelEngine.Server.Endpoints.Contracts;
using ModelEngine.Server.Identity;
using ModelEngine.Server.Problems;
using ModelEngine.Workflows.Auditing;

namespace ModelEngine.Server.Endpoints;

/// <summary><c>/api/audit</c>: pages through the audit log, newest first. Admins only.</summary>
internal static class AuditEndpoints
{
    public static RouteGroupBuilder MapAuditEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/audit", ListAsync).RequireAuthorization(AccessPolicies.Admin)
            .WithTags("Audit")
            .WithSummary("Lists audit records, newest first, filtered by actor, target, action and time.")
            .Produces<ListResponse<AuditRecord>>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return api;
    }

    private static async Task<ListResponse<AuditRecord>> ListAsync(
        string? page,
        string? pageSize,
        string? actor,
        string? entityType,
        string? entityId,
        string? action,
        string? from,
        string? to,
        IAuditLog auditLog,
        CancellationToken cancellationToken)
    {
        var paging = Paging.Parse(page, pageSize);
        var fromTime = ParseTime("from", from);
        var toTime = ParseTime("to", to);
        if (fromTime is not null && toTime is not null && fromTime >= toTime)
        {
            throw new RequestValidationException("to", to,
                $"Query parameter 'to' ('{to}') must be later than 'from' ('{from}'): the range includes 'from' and excludes 'to'.");
        }

        if (Blank(entityType) is { } type && !KnownEntityTypes.Contains(type))
        {
            throw new RequestValidationException("entityType", type,
                $"Query parameter 'entityType' ('{type}') is unknown. Use one of {string.Join(", ", KnownEntityTypes)}.");
        }

        var query = new AuditQuery(paging, Blank(actor), Blank(entityType), Blank(entityId), Blank(action), fromTime, toTime);
        var result = await auditLog.ListAsync(query, cancellationToken);
        return new ListResponse<AuditRecord>(result.Items, result.TotalCount);
    }

    private static readonly string[] KnownEntityTypes =
        [AuditEntityTypes.WorkflowDefinition, AuditEntityTypes.WorkflowInstance, AuditEntityTypes.ApiKey];

    private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static DateTimeOffset? ParseTime(string name, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
        {
            throw new RequestValidationException(name, text,
                $"Query parameter '{name}' is '{text}'; it must be an ISO 8601 time such as '2026-12-04T20:56:00Z'.");
        }

        return value;
    }
}
