using Microsoft.AspNetCore.Mvc;
using ModelEngine.HumanTasks.Inbox;
using ModelEngine.HumanTasks.Model;
using ModelEngine.Server.Endpoints.Contracts;
using ModelEngine.Server.Problems;

namespace ModelEngine.Server.Endpoints;

/// <summary>
/// <c>POST /api/tasks/bulk/{claim|reassign|complete}</c>: one operation on many tasks. Each task is its own
/// transaction with its own checks, so one failure does not stop the others; the response lists each task's result.
/// </summary>
internal static class TaskBulkEndpoints
{
    /// <summary>The most tasks one bulk request may name.</summary>
    public const int MaxTasks = 100;

    public static RouteGroupBuilder MapTaskBulkEndpoints(this RouteGroupBuilder group)
    {
        Bulk(group.MapPost("/bulk/claim", ClaimAsync), "Claims each task for the caller.");
        Bulk(group.MapPost("/bulk/reassign", ReassignAsync), "Gives each task to 'assignee'.");
        Bulk(group.MapPost("/bulk/complete", CompleteAsync), "Completes each task with 'outcome', 'comment' and 'data'.");
        return group;
    }

    private static void Bulk(RouteHandlerBuilder builder, string summary) => builder
        .WithSummary(summary + " Each task is checked and written on its own; the answer has one result per task.")
        .Produces<BulkTaskResponse>()
        .ProducesProblem(StatusCodes.Status400BadRequest);

    private static Task<BulkTaskResponse> ClaimAsync(BulkTaskRequest? request, HttpContext context, IHumanTaskService tasks, CancellationToken cancellationToken) =>
        RunAsync(request, context, (id, caller, etag) => tasks.ClaimAsync(id, caller, etag, false, cancellationToken));

    private static Task<BulkTaskResponse> ReassignAsync(BulkTaskRequest? request, HttpContext context, IHumanTaskService tasks, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request?.Assignee))
        {
            throw new RequestValidationException("assignee", request?.Assignee, "The body is missing 'assignee', the user who is assigned the tasks from now on, such as \"erin\".");
        }

        return RunAsync(request, context, (id, caller, etag) => tasks.ReassignAsync(id, caller, request.Assignee, etag, cancellationToken));
    }

    private static Task<BulkTaskResponse> CompleteAsync(BulkTaskRequest? request, HttpContext context, IHumanTaskService tasks, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request?.Outcome))
        {
            throw new RequestValidationException("outcome", request?.Outcome, "The body needs 'outcome', one of the tasks' outcomes such as \"Approve\".");
        }

        var completion = new TaskCompletion(request.Outcome, request.Comment, request.Data);
        return RunAsync(request, context, (id, caller, etag) => tasks.CompleteAsync(id, caller, completion, etag, cancellationToken));
    }

    private static async Task<BulkTaskResponse> RunAsync(BulkTaskRequest? request, HttpContext context, Func<string, TaskCaller, string?, Task<HumanTask>> operation)
    {
        var items = request?.Tasks;
        if (items is not { Count: > 0 })
        {
            throw new RequestValidationException("tasks", null, "The body needs 'tasks', a list such as [{\"id\": \"...\", \"etag\": \"\\\"3\\\"\"}]; 'etag' is optional.");
        }

        if (items.Count > MaxTasks)
        {
            throw new RequestValidationException("tasks", items.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"A bulk request may name at most {MaxTasks} tasks. Split the list into several requests.");
        }

        var blank = items.Select((item, index) => (item, index)).FirstOrDefault(pair => string.IsNullOrWhiteSpace(pair.item?.Id));
        if (blank.item is not null || items.Any(item => item is null))
        {
            throw new RequestValidationException($"tasks[{blank.index}].id", null, "Every entry of 'tasks' needs an 'id'.");
        }

        var caller = context.GetCaller(request!.OnBehalfOf);
        var results = new List<BulkTaskResult>(items.Count);
        foreach (var item in items)
        {
            var id = item.Id!.Trim();
            try
            {
                var task = await operation(id, caller, item.ETag);
                results.Add(new BulkTaskResult(id, StatusCodes.Status200OK, TaskResponse.From(task), null));
            }
            catch (Exception exception) when (exception is not OperationCanceledException && Problem(exception) is { } problem)
            {
                results.Add(new BulkTaskResult(id, problem.Status ?? StatusCodes.Status500InternalServerError, null, problem));
            }
        }

        var succeeded = results.Count(result => result.Status == StatusCodes.Status200OK);
        return new BulkTaskResponse(results, succeeded, results.Count - succeeded);
    }

    /// <summary>The problem for a failed task, or <see langword="null"/> for an unexpected error that fails the whole request.</summary>
    private static ProblemDetails? Problem(Exception exception)
    {
        if (ProblemExceptionHandler.Map(exception) is { } problem)
        {
            return problem;
        }

        return DatabaseUnavailableClassifier.IsDatabaseUnavailable(exception)
            ? new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The database is unavailable.",
                Detail = "The server could not reach its database for this task. Retry it later; the tasks before it in the list were written.",
            }
            : null;
    }
}
