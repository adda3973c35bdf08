using ModelEngine.HumanTasks.Search;
using ModelEngine.Server.Endpoints.Contracts;

namespace ModelEngine.Server.Endpoints;

/// <summary>
/// <c>POST /api/tasks/search</c>, and the caller's saved filters and out-of-office rules under <c>/api/tasks</c>.
/// Every search returns only the tasks the caller can see.
/// </summary>
internal static class TaskSearchEndpoints
{
    public static RouteGroupBuilder MapTaskSearchEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/tasks").WithTags("Tasks");
        group.MapPost("/search", SearchAsync)
            .WithSummary("Finds the tasks the caller can see by filter, sorted, one page at a time (offset or cursor).")
            .Produces<TaskSearchResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapSavedTaskFilterEndpoints();
        group.MapSubstituteEndpoints();
        return api;
    }

    private static async Task<TaskSearchResponse> SearchAsync(
        TaskSearchBody? body, HttpContext context, ITaskSearch search, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var request = TaskSearchRequestReader.Read(body);
        var result = await search.SearchAsync(context.GetUser(), request, timeProvider.GetUtcNow(), cancellationToken);
        return new TaskSearchResponse(
            result.Items.Select(TaskResponse.From).ToList(),
            result.NextCursor?.Encode(),
            result.TotalCount,
            new TaskCountsResponse(result.Counts.Mine, result.Counts.MyGroups, result.Counts.Overdue));
    }
}
