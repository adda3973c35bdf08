using ModelEngine.Server.Auditing;
using ModelEngine.Server.Endpoints.Contracts;
using ModelEngine.Server.Problems;
using ModelEngine.Workflows.Auditing;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Server.Endpoints;

/// <summary>
/// <c>/api/workflow-instances</c>: list, read, cancel, retry and delete instances and page through their journal. An instance that
/// the caller may not read returns 404, as if it did not exist.
/// </summary>
internal static class InstanceEndpoints
{
    public static RouteGroupBuilder MapInstanceEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/workflow-instances").WithTags("Workflow instances");

        group.MapGet("/", ListAsync).WithSummary("Lists the instances the caller may read, newest first, by page number or by cursor.")
            .Produces<InstanceListResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/{id}", GetAsync).WithSummary("Returns an instance with its input, output, variables and incidents.");
        group.MapGet("/{id}/journal", GetJournalAsync).WithSummary("Pages through an instance's journal, oldest first.");
        group.MapPost("/{id}/cancel", CancelAsync).WithSummary("Cancels a running instance; its open tasks become Exited.")
            .Produces<WorkflowInstanceResponse>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id}/retry", RetryAsync).WithSummary("Resolves a Faulted instance's incidents and runs the failed work again.")
            .Produces<WorkflowInstanceResponse>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/{id}", DeleteAsync)
            .WithSummary("Deletes an instance with its state, bookmarks, timers, journal and tasks; a running one needs force=true.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    private static async Task<InstanceListResponse> ListAsync(
        string? page,
        string? pageSize,
        string? cursor,
        string? definitionId,
        string? status,
        string? subStatus,
        string? correlationId,
        string? initiator,
        HttpContext context,
        IWorkflowInstanceStore store,
        CancellationToken cancellationToken)
    {
        var user = context.GetUser();
        var paging = Paging.Parse(page, pageSize);
        var after = InstanceCursorCodec.Parse(cursor);
        if (after is not null && page is not null)
        {
            throw new RequestValidationException("page", page,
                $"Query parameters 'page' ('{page}') and 'cursor' cannot be combined. Use 'page' for numbered pages, or 'cursor' to continue after the last instance read.");
        }

        var query = new InstanceListQuery(
            paging,
            definitionId,
            ParseEnum<WorkflowStatus>("status", status),
            ParseEnum<WorkflowSubStatus>("subStatus", subStatus),
            correlationId,
            user.IsAdmin || user.IsDesigner ? null : user,
            after,
            string.IsNullOrEmpty(initiator) ? null : initiator);
        var result = await store.ListAsync(query, cancellationToken);
        var nextCursor = result.Items.Count == paging.PageSize && result.Items[^1] is { } last
            ? InstanceCursorCodec.Encode(new InstanceCursor(last.CreatedAt, last.Id))
            : null;
        return new InstanceListResponse(result.Items.Select(WorkflowInstanceSummaryResponse.From).ToList(), result.TotalCount, nextCursor);
    }

    private static async Task<WorkflowInstanceResponse> GetAsync(
        string id,
        HttpContext context,
        IWorkflowRuntime runtime,
        InstanceAccess access,
        CancellationToken cancellationToken)
    {
        var view = await runtime.GetAsync(id, cancellationToken);
        if (view is null || !await access.CanReadAsync(view.Summary, context.GetUser(), cancellationToken))
        {
            throw NotFound(id);
        }

        return WorkflowInstanceResponse.From(view);
    }

    private static async Task<ListResponse<JournalEntryResponse>> GetJournalAsync(
        string id,
        string? page,
        string? pageSize,
        HttpContext context,
        IWorkflowInstanceStore store,
        InstanceAccess access,
        CancellationToken cancellationToken)
    {
        var paging = Paging.Parse(page, pageSize);
        var summary = await store.FindSummaryAsync(id, cancellationToken);
        if (summary is null || !await access.CanReadAsync(summary, context.GetUser(), cancellationToken))
        {
            throw NotFound(id);
        }

        var journal = await store.GetJournalAsync(id, paging, cancellationToken);
        return new ListResponse<JournalEntryResponse>(journal.Items.Select(JournalEntryResponse.From).ToList(), journal.TotalCount);
    }

    private static Task<IResult> CancelAsync(
        string id,
        HttpContext context,
        IWorkflowRuntime runtime,
        IWorkflowInstanceStore store,
        InstanceAccess access,
        AuditTrail audit,
        CancellationToken cancellationToken) =>
        ManageAsync(id, "cancel", AuditActions.Cancelled, runtime.CancelAsync, context, store, access, audit, cancellationToken);

    private static Task<IResult> RetryAsync(
        string id,
        HttpContext context,
        IWorkflowRuntime runtime,
        IWorkflowInstanceStore store,
        InstanceAccess access,
        AuditTrail audit,
        CancellationToken cancellationToken) =>
        ManageAsync(id, "retry", AuditActions.Retried, runtime.RetryAsync, context, store, access, audit, cancellationToken);

    /// <summary>
    /// Runs an operation that only the initiator or an admin may perform: 404 for a caller who cannot read the
    /// instance, 403 for other readers.
    /// </summary>
    private static async Task<IResult> ManageAsync(
        string id,
        string operation,
        string auditAction,
        Func<string, CancellationToken, Task<WorkflowInstanceView>> perform,
        HttpContext context,
        IWorkflowInstanceStore store,
        InstanceAccess access,
        AuditTrail audit,
        CancellationToken cancellationToken)
    {
        var user = context.GetUser();
        var summary = await store.FindSummaryAsync(id, cancellationToken);
        if (summary is null || !await access.CanReadAsync(summary, user, cancellationToken))
        {
            throw NotFound(id);
        }

        if (!InstanceAccess.CanManage(summary, user))
        {
            return Results.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "The operation is not allowed for this user.",
                detail: $"Only the initiator ('{summary.Initiator}') or a member of the 'admins' group may {operation} workflow instance '{id}'.");
        }

        var view = await perform(id, cancellationToken);
        await audit.RecordAsync(user, auditAction, AuditEntityTypes.WorkflowInstance, id, summary.DefinitionId, summary.Version);
        return Results.Ok(WorkflowInstanceResponse.From(view));
    }

    /// <summary>
    /// Deletes an instance: 404 for a caller who cannot read it, 403 for a reader who is not an admin, unless the
    /// instance finished and the caller started it. A running instance also needs force=true, or the runtime rejects
    /// the delete with 409.
    /// </summary>
    private static async Task<IResult> DeleteAsync(
        string id,
        string? force,
        HttpContext context,
        IWorkflowRuntime runtime,
        IWorkflowInstanceStore store,
        InstanceAccess access,
        AuditTrail audit,
        CancellationToken cancellationToken)
    {
        var forced = Paging.ParseForce(force);
        var user = context.GetUser();
        var summary = await store.FindSummaryAsync(id, cancellationToken);
        if (summary is null || !await access.CanReadAsync(summary, user, cancellationToken))
        {
            throw NotFound(id);
        }

        if (!InstanceAccess.CanDelete(summary, user))
        {
            return Results.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "The operation is not allowed for this user.",
                detail: summary.Status == WorkflowStatus.Running
                    ? $"Only a member of the 'admins' group may delete workflow instance '{id}' while it is {summary.SubStatus}. Its initiator may delete it once it has finished."
                    : $"Only the initiator ('{summary.Initiator}') or a member of the 'admins' group may delete workflow instance '{id}'.");
        }

        await runtime.DeleteAsync(id, forced, cancellationToken);
        await audit.RecordAsync(user, AuditActions.Deleted, AuditEntityTypes.WorkflowInstance, id, summary.DefinitionId, summary.Version,
            forced ? "force=true" : null);
        return Results.NoContent();
    }

    private static WorkflowNotFoundException NotFound(string id) => new($"Workflow instance '{id}' does not exist or is not visible to this user.");

    private static TEnum? ParseEnum<TEnum>(string parameter, string? text)
        where TEnum : struct, Enum
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (!Enum.TryParse<TEnum>(text, ignoreCase: true, out var value) || int.TryParse(text, out _))
        {
            throw new RequestValidationException(parameter, text,
                $"Query parameter '{parameter}' is '{text}'; it must be one of {string.Join(", ", Enum.GetNames<TEnum>())}.");
        }

        return value;
    }
}
