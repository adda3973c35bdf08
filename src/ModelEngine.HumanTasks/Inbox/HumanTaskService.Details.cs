using System.Text.Json.Nodes;
using ModelEngine.HumanTasks.Model;
using ModelEngine.Workflows.Security;

namespace ModelEngine.HumanTasks.Inbox;

public sealed partial class HumanTaskService
{
    private static readonly HumanTaskStatus[] NotEnded =
        [HumanTaskStatus.Created, HumanTaskStatus.Ready, HumanTaskStatus.Reserved, HumanTaskStatus.InProgress, HumanTaskStatus.Suspended];

    public async Task<HumanTask> SetPriorityAsync(string taskId, TaskCaller caller, int priority, string? ifMatch, CancellationToken cancellationToken = default)
    {
        var act = await AuthorizeAsync(taskId, caller, cancellationToken).ConfigureAwait(false);
        CheckHolderOrAdministrator(act, "change the priority of");
        CheckETag(act.Task, ifMatch);
        CheckStatus(act.Task, "changed", NotEnded);
        var details = new JsonObject { ["from"] = act.Task.Priority, ["to"] = priority };
        return await SaveAsync(act, act.Task with { Priority = priority }, HumanTaskActions.SetPriority, HumanTaskEventKind.Updated, ifMatch, details, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Moves the due date, or clears it with <see langword="null"/>. Overdue is computed from the due date, and the
    /// task's due-date timer re-arms itself when it fires before the new date.
    /// </summary>
    public async Task<HumanTask> SetDueDateAsync(string taskId, TaskCaller caller, DateTimeOffset? dueAt, string? ifMatch, CancellationToken cancellationToken = default)
    {
        var act = await AuthorizeAsync(taskId, caller, cancellationToken).ConfigureAwait(false);
        CheckHolderOrAdministrator(act, "change the due date of");
        CheckETag(act.Task, ifMatch);
        CheckStatus(act.Task, "changed", NotEnded);
        var now = _timeProvider.GetUtcNow();
        var overdueAt = dueAt is { } due && due <= now ? act.Task.OverdueAt : null;
        var details = new JsonObject { ["from"] = act.Task.DueAt, ["to"] = dueAt };
        var updated = act.Task with { DueAt = dueAt?.ToUniversalTime(), OverdueAt = overdueAt };
        return await SaveAsync(act, updated, HumanTaskActions.SetDueDate, HumanTaskEventKind.Updated, ifMatch, details, null, cancellationToken).ConfigureAwait(false);
    }

    public async Task<HumanTask> SetFollowUpDateAsync(string taskId, TaskCaller caller, DateTimeOffset? followUpAt, string? ifMatch, CancellationToken cancellationToken = default)
    {
        var act = await AuthorizeAsync(taskId, caller, cancellationToken).ConfigureAwait(false);
        CheckHolderOrAdministrator(act, "change the follow-up date of");
        CheckETag(act.Task, ifMatch);
        CheckStatus(act.Task, "changed", NotEnded);
        var details = new JsonObject { ["from"] = act.Task.FollowUpAt, ["to"] = followUpAt };
        var updated = act.Task with { FollowUpAt = followUpAt?.ToUniversalTime() };
        return await SaveAsync(act, updated, HumanTaskActions.SetFollowUpDate, HumanTaskEventKind.Updated, ifMatch, details, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Saves form data without completing the task. Drafts are not checked against the schema, since they may be partial.</summary>
    public async Task<HumanTask> SaveDraftAsync(string taskId, TaskCaller caller, JsonNode? data, string? ifMatch, CancellationToken cancellationToken = default)
    {
        var act = await AuthorizeAsync(taskId, caller, cancellationToken).ConfigureAwait(false);
        if (data is not JsonObject)
        {
            throw new TaskValidationException("data", data?.ToJsonString(), "'data' must be a JSON object with the form's fields, such as { \"amount\": 120 }.");
        }

        CheckHolderOrAdministrator(act, "save a draft of");
        CheckNotExcluded(act, "work on");
        CheckETag(act.Task, ifMatch);
        CheckStatus(act.Task, "edited", HumanTaskStatus.Reserved, HumanTaskStatus.InProgress);
        return await SaveAsync(act, act.Task with { DraftData = data?.DeepClone() }, HumanTaskActions.SaveDraft, HumanTaskEventKind.Updated, ifMatch, null, null, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<HumanTaskComment>> ListCommentsAsync(string taskId, UserIdentity user, CancellationToken cancellationToken = default)
    {
        await AuthorizeAsync(taskId, user, cancellationToken).ConfigureAwait(false);
        return await _store.ListCommentsAsync(taskId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds a note that everyone who can see the task can read. The task's ETag changes with it.</summary>
    public async Task<(HumanTask Task, HumanTaskComment Comment)> AddCommentAsync(string taskId, TaskCaller caller, string? text, string? ifMatch, CancellationToken cancellationToken = default)
    {
        var act = await AuthorizeAsync(taskId, caller, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new TaskValidationException("text", text, "'text' is missing. Write the comment in 'text'.");
        }

        if (text.Length > _options.MaxCommentLength)
        {
            throw new TaskValidationException("text", text[..40] + "…",
                $"The comment has {text.Length} characters; at most {_options.MaxCommentLength} are accepted. Shorten it or attach a file.");
        }

        CheckETag(act.Task, ifMatch);
        CheckStatus(act.Task, "commented on", NotEnded);
        var comment = NewComment(act, text.Trim());
        var details = new JsonObject { ["commentId"] = comment.Id };
        var task = await SaveAsync(act, act.Task, HumanTaskActions.Comment, HumanTaskEventKind.Updated, ifMatch, details, [comment], cancellationToken).ConfigureAwait(false);
        return (task, comment);
    }

    public async Task<IReadOnlyList<HumanTaskAttachment>> ListAttachmentsAsync(string taskId, UserIdentity user, CancellationToken cancellationToken = default)
    {
        await AuthorizeAsync(taskId, user, cancellationToken).ConfigureAwait(false);
        return await _store.ListAttachmentsAsync(taskId, cancellationToken).ConfigureAwait(false);
    }

    public async Task<HumanTaskAttachment> GetAttachmentAsync(string taskId, string attachmentId, UserIdentity user, CancellationToken cancellationToken = default)
    {
        await AuthorizeAsync(taskId, user, cancellationToken).ConfigureAwait(false);
        return await _store.FindAttachmentAsync(taskId, attachmentId, cancellationToken).ConfigureAwait(false)
            ?? throw new TaskNotFoundException($"Task '{taskId}' has no attachment '{attachmentId}'.");
    }

    /// <summary>Adds a file within the configured size limit and content types. The task's ETag changes with it.</summary>
    public async Task<(HumanTask Task, HumanTaskAttachment Attachment)> AddAttachmentAsync(
        string taskId, TaskCaller caller, TaskAttachmentUpload upload, string? ifMatch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(upload);
        var act = await AuthorizeAsync(taskId, caller, cancellationToken).ConfigureAwait(false);
        var contentType = CheckUpload(upload);
        CheckETag(act.Task, ifMatch);
        CheckStatus(act.Task, "given attachments", NotEnded);

        var attachment = new HumanTaskAttachment
        {
            Id = HumanTaskHistory.NewId(),
            TaskId = taskId,
            FileName = Path.GetFileName(upload.FileName.Trim()),
            ContentType = contentType,
            Size = upload.Content.Length,
            UploadedBy = act.Actor,
            OnBehalfOf = act.OnBehalfOf,
            CreatedAt = _timeProvider.GetUtcNow(),
            Content = upload.Content,
        };
        var details = new JsonObject { ["attachmentId"] = attachment.Id, ["fileName"] = attachment.FileName, ["size"] = attachment.Size };
        var task = await SaveAsync(act, act.Task, HumanTaskActions.Attach, HumanTaskEventKind.Updated, ifMatch, details, [attachment], cancellationToken).ConfigureAwait(false);
        return (task, attachment with { Content = ReadOnlyMemory<byte>.Empty });
    }

    /// <summary>Removes a file; its uploader or an administrator may do so.</summary>
    public async Task<HumanTask> RemoveAttachmentAsync(string taskId, string attachmentId, TaskCaller caller, string? ifMatch, CancellationToken cancellationToken = default)
    {
        var act = await AuthorizeAsync(taskId, caller, cancellationToken).ConfigureAwait(false);
        var attachment = (await _store.ListAttachmentsAsync(taskId, cancellationToken).ConfigureAwait(false)).FirstOrDefault(candidate => candidate.Id == attachmentId)
            ?? throw new TaskNotFoundException($"Task '{taskId}' has no attachment '{attachmentId}'.");
        if (attachment.UploadedBy != act.Actor && !act.IsAdministrator)
        {
            throw new TaskForbiddenException($"Attachment '{attachmentId}' was added by '{attachment.UploadedBy}'; only they or an administrator may remove it.");
        }

        CheckETag(act.Task, ifMatch);
        CheckStatus(act.Task, "changed", NotEnded);
        var details = new JsonObject { ["attachmentId"] = attachmentId, ["fileName"] = attachment.FileName };
        return await SaveAsync(act, act.Task, HumanTaskActions.Detach, HumanTaskEventKind.Updated, ifMatch, details,
            [new HumanTaskAttachmentRemoved(taskId, attachmentId)], cancellationToken).ConfigureAwait(false);
    }

    private string CheckUpload(TaskAttachmentUpload upload)
    {
        if (string.IsNullOrWhiteSpace(upload.FileName) || upload.FileName.IndexOfAny(['/', '\\']) >= 0)
        {
            throw new TaskValidationException("file", upload.FileName, "The attachment needs a plain file name, such as \"invoice.pdf\", without folders.");
        }

        if (upload.FileName.Any(character => char.IsControl(character) || character == '"'))
        {
            throw new TaskValidationException("file", upload.FileName, "The attachment's file name has quotes or control characters. Rename the file, such as \"invoice.pdf\".");
        }

        TaskLimits.CheckName("file", upload.FileName.Trim());
        if (upload.Content.Length == 0)
        {
            throw new TaskValidationException("file", upload.FileName, $"Attachment '{upload.FileName}' is empty. Attach a file with content.");
        }

        if (upload.Content.Length > _options.MaxAttachmentBytes)
        {
            throw new TaskValidationException("file", upload.Content.Length.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"Attachment '{upload.FileName}' has {upload.Content.Length} bytes; the limit is {_options.MaxAttachmentBytes} bytes (HumanTasks:MaxAttachmentBytes).");
        }

        var contentType = (upload.ContentType ?? string.Empty).Split(';')[0].Trim().ToLowerInvariant();
        if (!_options.AcceptedContentTypes.Contains(contentType, StringComparer.OrdinalIgnoreCase))
        {
            throw new TaskValidationException("contentType", upload.ContentType,
                $"Content type '{upload.ContentType}' is not accepted for attachments. Accepted types: {string.Join(", ", _options.AcceptedContentTypes)} (HumanTasks:AttachmentContentTypes).");
        }

        return contentType;
    }

    private HumanTaskComment NewComment(TaskAct act, string text) => new()
    {
        Id = HumanTaskHistory.NewId(),
        TaskId = act.Task.Id,
        Author = act.Actor,
        OnBehalfOf = act.OnBehalfOf,
        Text = text,
        CreatedAt = _timeProvider.GetUtcNow(),
    };

    /// <summary>The comment change that goes with an operation that carries a comment, or nothing when it is empty.</summary>
    private IReadOnlyList<object>? CommentChange(TaskAct act, string? comment) =>
        string.IsNullOrWhiteSpace(comment) ? null : [NewComment(act, comment.Trim())];
}
