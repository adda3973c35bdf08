using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using ModelEngine.HumanTasks.Inbox;
using ModelEngine.HumanTasks.Model;
using ModelEngine.Server.Endpoints.Contracts;
using ModelEngine.Server.Idempotency;
using ModelEngine.Server.Problems;

namespace ModelEngine.Server.Endpoints;

/// <summary>
/// <c>/api/tasks</c>: the caller's inbox, a task with its history and form, and the claim and completion of human
/// tasks. The task service checks visibility (404), permission (403), the If-Match ETag (412) and the status (409) in
/// that order. The other operations are mapped by <see cref="TaskOperationEndpoints"/>, <see cref="TaskDetailEndpoints"/>
/// and <see cref="TaskBulkEndpoints"/>.
/// </summary>
internal static class TaskEndpoints
{
    private const string CompleteScope = "tasks/complete";

    public static RouteGroupBuilder MapTaskEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/tasks").WithTags("Tasks");

        group.MapGet("/", GetInboxAsync).WithSummary("Lists the open tasks the caller can see, highest priority first.");
        group.MapGet("/{id}", GetAsync).WithSummary("Returns a task, with its revision in the ETag header.")
            .Produces<TaskResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id}/history", GetHistoryAsync).WithSummary("Lists every transition of a task, oldest first.")
            .Produces<ListResponse<HumanTaskHistoryEntry>>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id}/form", GetFormAsync).WithSummary("Returns the task's JSON Schema, UI schema and draft data.")
            .Produces<TaskFormResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id}/claim", ClaimAsync)
            .WithSummary("Reserves a Ready task for the caller; with force=true an administrator takes over a held task. Honours If-Match.")
            .Produces<TaskResponse>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
        group.MapPost("/{id}/complete", CompleteAsync)
            .WithSummary("Completes a task the caller holds and resumes its instance. Honours If-Match and Idempotency-Key.")
            .Produces<TaskResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapTaskOperationEndpoints();
        group.MapTaskDetailEndpoints();
        group.MapTaskBulkEndpoints();
        return api;
    }

    private static async Task<ListResponse<TaskResponse>> GetInboxAsync(
        string? page,
        string? pageSize,
        HttpContext context,
        IHumanTaskService tasks,
        CancellationToken cancellationToken)
    {
        var paging = Paging.Parse(page, pageSize);
        var inbox = await tasks.GetInboxAsync(context.GetUser(), paging, cancellationToken);
        return new ListResponse<TaskResponse>(inbox.Items.Select(TaskResponse.From).ToList(), inbox.TotalCount);
    }

    private static async Task<IResult> GetAsync(string id, HttpContext context, IHumanTaskService tasks, CancellationToken cancellationToken)
    {
        var task = await tasks.GetAsync(id, context.GetUser(), cancellationToken);
        return WithETag(context, task);
    }

    private static async Task<ListResponse<HumanTaskHistoryEntry>> GetHistoryAsync(
        string id, string? page, string? pageSize, HttpContext context, IHumanTaskService tasks, CancellationToken cancellationToken)
    {
        var paging = Paging.Parse(page, pageSize);
        var history = await tasks.GetHistoryAsync(id, context.GetUser(), cancellationToken);
        return new ListResponse<HumanTaskHistoryEntry>(history.Skip(paging.Skip).Take(paging.PageSize).ToList(), history.Count);
    }

    private static async Task<IResult> GetFormAsync(string id, HttpContext context, IHumanTaskService tasks, CancellationToken cancellationToken)
    {
        var task = await tasks.GetAsync(id, context.GetUser(), cancellationToken);
        context.Response.Headers.ETag = task.ETag;
        return Results.Ok(new TaskFormResponse(task.FormSchema, task.UiSchema, task.DraftData, task.Outcomes, task.ETag));
    }

    private static async Task<IResult> ClaimAsync(
        string id,
        bool? force,
        TaskActionRequest? request,
        HttpContext context,
        IHumanTaskService tasks,
        CancellationToken cancellationToken)
    {
        var task = await tasks.ClaimAsync(id, context.GetCaller(request?.OnBehalfOf), context.GetIfMatch(), force ?? false, cancellationToken);
        return WithETag(context, task);
    }

    private static async Task<IResult> CompleteAsync(
        string id,
        CompleteTaskRequest? request,
        HttpContext context,
        IHumanTaskService tasks,
        IdempotencyGate idempotency,
        IOptions<JsonOptions> jsonOptions,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request?.Outcome))
        {
            throw new RequestValidationException("outcome", request?.Outcome,
                "The body needs 'outcome', one of the task's outcomes such as \"Approve\"; 'comment' and 'data' are optional.");
        }

        var user = context.GetUser();
        var caller = context.GetCaller(request.OnBehalfOf);
        var completion = new TaskCompletion(request.Outcome, request.Comment, request.Data);
        if (IdempotencyGate.ReadKey(context) is not { } key)
        {
            var task = await tasks.CompleteAsync(id, caller, completion, context.GetIfMatch(), cancellationToken);
            return WithETag(context, task);
        }

        // The key's record, holding the completed task, is written in the completion's own transaction.
        var hash = IdempotencyGate.HashRequest(id, JsonSerializer.Serialize(request, jsonOptions.Value.SerializerOptions));
        if (await idempotency.FindPreviousAsync(CompleteScope, user.Name, key, hash, cancellationToken) is { } previous)
        {
            return IdempotencyGate.Replay(context, previous);
        }

        var record = idempotency.NewRecord(CompleteScope, user.Name, key, hash);
        try
        {
            var task = await tasks.CompleteAsync(id, caller, completion, context.GetIfMatch(), completed => IdempotencyGate.WithResponse(
                record with { WorkflowInstanceId = completed.WorkflowInstanceId },
                StatusCodes.Status200OK,
                "application/json; charset=utf-8",
                JsonSerializer.Serialize(TaskResponse.From(completed), jsonOptions.Value.SerializerOptions),
                new Dictionary<string, string[]> { ["ETag"] = [completed.ETag] }),
                cancellationToken);
            return WithETag(context, task);
        }
        catch (TaskConflictException)
        {
            // A repeat with the same key completed the task first, so this request returns that response.
            var first = await idempotency.FindPreviousAsync(CompleteScope, user.Name, key, hash, cancellationToken);
            if (first is null)
            {
                throw;
            }

            return IdempotencyGate.Replay(context, first);
        }
    }

    internal static IResult WithETag(HttpContext context, HumanTask task)
    {
        context.Response.Headers.ETag = task.ETag;
        return Results.Ok(TaskResponse.From(task));
    }
}
