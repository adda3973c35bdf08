using System.Text.Json;
using System.Text.Json.Nodes;
using ModelEngine.Server.Endpoints.Contracts;
using ModelEngine.Server.Identity;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Server.Endpoints;

/// <summary>
/// <c>/api/run-tasks</c>: the open RunTask activities, which external workers complete. Each RunTask is a bookmark
/// whose id is the run-task id and whose payload is <c>{taskName, payload}</c>. API key clients and admins only.
/// </summary>
internal static class RunTaskEndpoints
{
    /// <summary>The bookmark name of the RunTask activity.</summary>
    public const string RunTaskBookmarkName = "ModelEngine.RunTask";

    public static RouteGroupBuilder MapRunTaskEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/run-tasks").WithTags("Run tasks").RequireAuthorization(AccessPolicies.RunTaskWorker);

        group.MapGet("/", ListAsync).WithSummary("Lists the open RunTasks, optionally of one instance, oldest first.");
        group.MapPost("/{id}/complete", CompleteAsync).WithSummary("Completes a RunTask with a result; its instance runs on in the background.");
        return api;
    }

    private static async Task<ListResponse<RunTaskResponse>> ListAsync(
        string? workflowInstanceId,
        string? page,
        string? pageSize,
        IWorkflowInstanceStore store,
        CancellationToken cancellationToken)
    {
        var paging = Paging.Parse(page, pageSize);

        // NOTE: the store returns every open RunTask bookmark, so this page is cut in memory; the store contract has
        // no paging for bookmarks yet.
        var bookmarks = await store.ListBookmarksAsync(RunTaskBookmarkName, string.IsNullOrEmpty(workflowInstanceId) ? null : workflowInstanceId, cancellationToken);
        var items = bookmarks.Skip(paging.Skip).Take(paging.PageSize).Select(ToResponse).ToList();
        return new ListResponse<RunTaskResponse>(items, bookmarks.Count);
    }

    private static async Task<CompleteRunTaskResponse> CompleteAsync(
        string id,
        CompleteRunTaskRequest? request,
        IWorkflowInstanceStore store,
        IWorkflowRuntime runtime,
        CancellationToken cancellationToken)
    {
        var bookmark = await store.FindBookmarkAsync(id, cancellationToken);
        if (bookmark is null || bookmark.Name != RunTaskBookmarkName)
        {
            throw new WorkflowNotFoundException($"RunTask '{id}' does not exist or was already completed.");
        }

        await runtime.ResumeAsync(new ResumeWorkflowRequest(bookmark.WorkflowInstanceId, bookmark.Id, request?.Result?.DeepClone()), cancellationToken);
        return new CompleteRunTaskResponse(bookmark.Id, bookmark.WorkflowInstanceId, "Completed");
    }

    private static RunTaskResponse ToResponse(BookmarkRecord bookmark)
    {
        string? taskName = null;
        JsonNode? payload = null;
        if (!string.IsNullOrEmpty(bookmark.PayloadJson))
        {
            try
            {
                var node = JsonNode.Parse(bookmark.PayloadJson);
                taskName = node?["taskName"]?.GetValue<string>();
                payload = node?["payload"]?.DeepClone();
            }
            catch (Exception exception) when (exception is JsonException or InvalidOperationException or FormatException)
            {
                // A payload in an older or foreign shape is shown as it is stored.
                payload = JsonValue.Create(bookmark.PayloadJson);
            }
        }

        return new RunTaskResponse(bookmark.Id, taskName, payload, bookmark.WorkflowInstanceId, bookmark.CreatedAt);
    }
}
