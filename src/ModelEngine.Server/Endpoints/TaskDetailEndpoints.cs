using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using ModelEngine.HumanTasks.Inbox;
using ModelEngine.HumanTasks.Model;
using ModelEngine.Server.Endpoints.Contracts;
using ModelEngine.Server.Problems;

namespace ModelEngine.Server.Endpoints;

/// <summary>
/// The details of a task under <c>/api/tasks/{id}/...</c>: priority, due and follow-up dates, the draft, comments and
/// attachments. Each change honours If-Match and <c>onBehalfOf</c> and changes the task's ETag.
/// </summary>
internal static class TaskDetailEndpoints
{
    public static RouteGroupBuilder MapTaskDetailEndpoints(this RouteGroupBuilder group)
    {
        TaskOperationEndpoints.Operation(group.MapPut("/{id}/priority", SetPriorityAsync), "Sets the task's priority; higher numbers come first.");
        TaskOperationEndpoints.Operation(group.MapPut("/{id}/due-date", SetDueDateAsync), "Sets or clears the task's due date.");
        TaskOperationEndpoints.Operation(group.MapPut("/{id}/follow-up-date", SetFollowUpDateAsync), "Sets or clears the task's follow-up date.");
        TaskOperationEndpoints.Operation(group.MapPut("/{id}/draft", SaveDraftAsync), "Saves form data without completing the task.");

        group.MapGet("/{id}/comments", ListCommentsAsync).WithSummary("Lists the task's comments, oldest first.")
            .Produces<ListResponse<HumanTaskComment>>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        TaskOperationEndpoints.Operation(group.MapPost("/{id}/comments", AddCommentAsync), "Adds a comment to the task.")
            .Produces<HumanTaskComment>(StatusCodes.Status201Created);

        group.MapGet("/{id}/attachments", ListAttachmentsAsync).WithSummary("Lists the task's attachments without their content.")
            .Produces<ListResponse<TaskAttachmentResponse>>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id}/attachments/{attachmentId}", DownloadAttachmentAsync).WithSummary("Downloads an attachment.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        TaskOperationEndpoints.Operation(group.MapPost("/{id}/attachments", AddAttachmentAsync),
                "Adds a file as multipart/form-data in the field 'file', within the size limit and content types that configuration allows.")
            .Produces<TaskAttachmentResponse>(StatusCodes.Status201Created)
            .Accepts<IFormFile>("multipart/form-data")
            .DisableAntiforgery();
        TaskOperationEndpoints.Operation(group.MapDelete("/{id}/attachments/{attachmentId}", RemoveAttachmentAsync), "Removes an attachment; the new ETag is in the header.")
            .Produces(StatusCodes.Status204NoContent);
        return group;
    }

    private static async Task<IResult> SetPriorityAsync(string id, SetTaskPriorityRequest? request, HttpContext context, IHumanTaskService tasks, CancellationToken cancellationToken)
    {
        if (request?.Priority is not { } priority)
        {
            throw new RequestValidationException("priority", null, "The body needs 'priority', an integer such as 5; higher numbers come first in the inbox.");
        }

        return TaskEndpoints.WithETag(context, await tasks.SetPriorityAsync(id, context.GetCaller(request.OnBehalfOf), priority, context.GetIfMatch(), cancellationToken));
    }

    private static async Task<IResult> SetDueDateAsync(string id, SetTaskDueDateRequest? request, HttpContext context, IHumanTaskService tasks, CancellationToken cancellationToken) =>
        TaskEndpoints.WithETag(context, await tasks.SetDueDateAsync(id, context.GetCaller(request?.OnBehalfOf), request?.DueAt, context.GetIfMatch(), cancellationToken));

    private static async Task<IResult> SetFollowUpDateAsync(string id, SetTaskFollowUpDateRequest? request, HttpContext context, IHumanTaskService tasks, CancellationToken cancellationToken) =>
        TaskEndpoints.WithETag(context, await tasks.SetFollowUpDateAsync(id, context.GetCaller(request?.OnBehalfOf), request?.FollowUpAt, context.GetIfMatch(), cancellationToken));

    private static async Task<IResult> SaveDraftAsync(string id, SaveTaskDraftRequest? request, HttpContext context, IHumanTaskService tasks, CancellationToken cancellationToken) =>
        TaskEndpoints.WithETag(context, await tasks.SaveDraftAsync(id, context.GetCaller(request?.OnBehalfOf), request?.Data, context.GetIfMatch(), cancellationToken));

    private static async Task<ListResponse<HumanTaskComment>> ListCommentsAsync(
        string id, string? page, string? pageSize, HttpContext context, IHumanTaskService tasks, CancellationToken cancellationToken)
    {
        var paging = Paging.Parse(page, pageSize);
        var comments = await tasks.ListCommentsAsync(id, context.GetUser(), cancellationToken);
        return new ListResponse<HumanTaskComment>(comments.Skip(paging.Skip).Take(paging.PageSize).ToList(), comments.Count);
    }

    private static async Task<IResult> AddCommentAsync(string id, AddTaskCommentRequest? request, HttpContext context, IHumanTaskService tasks, CancellationToken cancellationToken)
    {
        var (task, comment) = await tasks.AddCommentAsync(id, context.GetCaller(request?.OnBehalfOf), request?.Text, context.GetIfMatch(), cancellationToken);
        context.Response.Headers.ETag = task.ETag;
        return Results.Created($"/api/tasks/{Uri.EscapeDataString(id)}/comments", comment);
    }

    private static async Task<ListResponse<TaskAttachmentResponse>> ListAttachmentsAsync(
        string id, string? page, string? pageSize, HttpContext context, IHumanTaskService tasks, CancellationToken cancellationToken)
    {
        var paging = Paging.Parse(page, pageSize);
        var attachments = await tasks.ListAttachmentsAsync(id, context.GetUser(), cancellationToken);
        var items = attachments.Skip(paging.Skip).Take(paging.PageSize).Select(TaskAttachmentResponse.From).ToList();
        return new ListResponse<TaskAttachmentResponse>(items, attachments.Count);
    }

    private static async Task<IResult> DownloadAttachmentAsync(string id, string attachmentId, HttpContext context, IHumanTaskService tasks, CancellationToken cancellationToken)
    {
        var attachment = await tasks.GetAttachmentAsync(id, attachmentId, context.GetUser(), cancellationToken);

        // The file is served as a download, never rendered in the API's origin.
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return Results.File(attachment.Content.ToArray(), attachment.ContentType, attachment.FileName);
    }

    private static async Task<IResult> AddAttachmentAsync(
        string id,
        string? onBehalfOf,
        HttpContext context,
        IHumanTaskService tasks,
        IOptions<HumanTaskOptions> options,
        CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxAttachmentBytes;
        if (!context.Request.HasFormContentType)
        {
            throw new RequestValidationException("file", context.Request.ContentType,
                "Send the attachment as multipart/form-data with the file in the field 'file'.");
        }

        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = limit + 1 }, cancellationToken);
        }
        catch (InvalidDataException)
        {
            throw new RequestValidationException("file", null,
                $"The attachment is larger than the limit of {limit} bytes (HumanTasks:MaxAttachmentBytes). Attach a smaller file.");
        }

        var file = form.Files.GetFile("file")
            ?? throw new RequestValidationException("file", null, "The form has no field 'file'. Put the attachment in a form field named 'file'.");
        if (file.Length > limit)
        {
            throw new RequestValidationException("file", file.FileName,
                $"Attachment '{file.FileName}' has {file.Length} bytes; the limit is {limit} bytes (HumanTasks:MaxAttachmentBytes).");
        }

        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, cancellationToken);
        var upload = new TaskAttachmentUpload(file.FileName, file.ContentType, buffer.ToArray());
        var caller = context.GetCaller(onBehalfOf ?? form["onBehalfOf"].ToString());
        var (task, attachment) = await tasks.AddAttachmentAsync(id, caller, upload, context.GetIfMatch(), cancellationToken);
        context.Response.Headers.ETag = task.ETag;
        var response = TaskAttachmentResponse.From(attachment);
        return Results.Created(response.Href, response);
    }

    private static async Task<IResult> RemoveAttachmentAsync(
        string id, string attachmentId, string? onBehalfOf, HttpContext context, IHumanTaskService tasks, CancellationToken cancellationToken)
    {
        var task = await tasks.RemoveAttachmentAsync(id, attachmentId, context.GetCaller(onBehalfOf), context.GetIfMatch(), cancellationToken);
        context.Response.Headers.ETag = task.ETag;
        return Results.NoContent();
    }
}
