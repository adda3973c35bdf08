using ModelEngine.HumanTasks.Inbox;
using ModelEngine.Server.Endpoints.Contracts;

namespace ModelEngine.Server.Endpoints;

/// <summary>
/// The assignment and status operations on a task under <c>/api/tasks/{id}/...</c>: release, start, stop, delegate,
/// resolve, forward, reassign, suspend, resume, fail and skip. Each honours If-Match and <c>onBehalfOf</c>.
/// </summary>
internal static class TaskOperationEndpoints
{
    public static RouteGroupBuilder MapTaskOperationEndpoints(this RouteGroupBuilder group)
    {
        Operation(group.MapPost("/{id}/release", ReleaseAsync), "Gives a held task back to its candidates.");
        Operation(group.MapPost("/{id}/start", StartAsync), "Marks the task InProgress; a candidate who starts a Ready task claims it.");
        Operation(group.MapPost("/{id}/stop", StopAsync), "Moves an InProgress task back to Reserved.");
        Operation(group.MapPost("/{id}/delegate", DelegateAsync), "Hands the task to another user; the holder stays its owner and gets it back on resolve.");
        Operation(group.MapPost("/{id}/resolve", ResolveAsync), "Hands a delegated task back to its owner.");
        Operation(group.MapPost("/{id}/forward", ForwardAsync), "Offers the task to other candidate users and groups; it becomes Ready.");
        Operation(group.MapPost("/{id}/reassign", ReassignAsync), "Gives the task to another holder.");
        Operation(group.MapPost("/{id}/suspend", SuspendAsync), "Suspends an open task.");
        Operation(group.MapPost("/{id}/resume", ResumeAsync), "Resumes a suspended task in the status it had.");
        Operation(group.MapPost("/{id}/fail", FailAsync), "Ends the task as Failed; its activity faults with the reason.");
        Operation(group.MapPost("/{id}/skip", SkipAsync), "Skips a skippable task; its activity leaves through the Skipped port.");
        return group;
    }

    /// <summary>Documents the responses every task operation shares.</summary>
    internal static RouteHandlerBuilder Operation(RouteHandlerBuilder builder, string summary) => builder
        .WithSummary(summary)
        .Produces<TaskResponse>()
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status412PreconditionFailed);

    private static async Task<IResult> ReleaseAsync(string id, TaskActionRequest? request, HttpContext context, IHumanTaskService tasks, CancellationToken cancellationToken) =>
        TaskEndpoints.WithETag(context, await tasks.ReleaseAsync(id, context.GetCaller(request?.OnBehalfOf), context.GetIfMatch(), cancellationToken));

    private static async Task<IResult> StartAsync(string id, TaskActionRequest? request, HttpContext context, IHumanTaskService tasks, CancellationToken cancellationToken) =>
        TaskEndpoints.WithETag(context, await tasks.StartAsync(id, context.GetCaller(request?.OnBehalfOf), context.GetIfMatch(), cancellationToken));

    private static async Task<IResult> StopAsync(string id, TaskActionRequest? request, HttpContext context, IHumanTaskService tasks, CancellationToken cancellationToken) =>
        TaskEndpoints.WithETag(context, await tasks.StopAsync(id, context.GetCaller(request?.OnBehalfOf), context.GetIfMatch(), cancellationToken));

    private static async Task<IResult> DelegateAsync(string id, DelegateTaskRequest? request, HttpContext context, IHumanTaskService tasks, CancellationToken cancellationToken) =>
        TaskEndpoints.WithETag(context, await tasks.DelegateAsync(id, context.GetCaller(request?.OnBehalfOf), request?.To ?? string.Empty, context.GetIfMatch(), cancellationToken));

    private static async Task<IResult> ResolveAsync(string id, ResolveTaskRequest? request, HttpContext context, IHumanTaskService tasks, CancellationToken cancellationToken) =>
        TaskEndpoints.WithETag(context, await tasks.ResolveAsync(id, context.GetCaller(request?.OnBehalfOf), request?.Comment, request?.Data, context.GetIfMatch(), cancellationToken));

    private static async Task<IResult> ForwardAsync(string id, ForwardTaskRequest? request, HttpContext context, IHumanTaskService tasks, CancellationToken cancellationToken) =>
        TaskEndpoints.WithETag(context, await tasks.ForwardAsync(
            id, context.GetCaller(request?.OnBehalfOf), request?.CandidateUsers ?? [], request?.CandidateGroups ?? [], context.GetIfMatch(), cancellationToken));

    private static async Task<IResult> ReassignAsync(string id, ReassignTaskRequest? request, HttpContext context, IHumanTaskService tasks, CancellationToken cancellationToken) =>
        TaskEndpoints.WithETag(context, await tasks.ReassignAsync(id, context.GetCaller(request?.OnBehalfOf), request?.Assignee ?? string.Empty, context.GetIfMatch(), cancellationToken));

    private static async Task<IResult> SuspendAsync(string id, TaskActionRequest? request, HttpContext context, IHumanTaskService tasks, CancellationToken cancellationToken) =>
        TaskEndpoints.WithETag(context, await tasks.SuspendAsync(id, context.GetCaller(request?.OnBehalfOf), context.GetIfMatch(), cancellationToken));

    private static async Task<IResult> ResumeAsync(string id, TaskActionRequest? request, HttpContext context, IHumanTaskService tasks, CancellationToken cancellationToken) =>
        TaskEndpoints.WithETag(context, await tasks.ResumeAsync(id, context.GetCaller(request?.OnBehalfOf), context.GetIfMatch(), cancellationToken));

    private static async Task<IResult> FailAsync(string id, FailTaskRequest? request, HttpContext context, IHumanTaskService tasks, CancellationToken cancellationToken) =>
        TaskEndpoints.WithETag(context, await tasks.FailAsync(id, context.GetCaller(request?.OnBehalfOf), request?.Reason, context.GetIfMatch(), cancellationToken));

    private static async Task<IResult> SkipAsync(string id, TaskActionRequest? request, HttpContext context, IHumanTaskService tasks, CancellationToken cancellationToken) =>
        TaskEndpoints.WithETag(context, await tasks.SkipAsync(id, context.GetCaller(request?.OnBehalfOf), context.GetIfMatch(), cancellationToken));
}
