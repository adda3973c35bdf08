using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ModelEngine.Studio.Api.Tasks;

/// <summary>
/// The task calls the inbox makes. Every mutating call sends <c>If-Match</c> with the ETag the caller read, so a change
/// that lost a race gets 412 instead of overwriting another user's work.
/// </summary>
public class TasksApi(StudioApiClient api)
{
    /// <summary>Reads one page of the tasks the caller can see, with the counts of the inbox views.</summary>
    public virtual Task<TaskSearchPage> SearchAsync(TaskSearchQuery query, CancellationToken cancellationToken = default)
    {
        var filter = new JsonObject();
        if (query.Status is { Count: > 0 } status)
        {
            filter["status"] = new JsonArray(status.Select(s => (JsonNode?)JsonValue.Create(s)).ToArray());
        }

        if (!string.IsNullOrWhiteSpace(query.Assignee))
        {
            filter["assignee"] = query.Assignee;
        }

        if (query.CandidateOfMe)
        {
            filter["candidateOfMe"] = true;
        }

        if (!string.IsNullOrWhiteSpace(query.DefinitionId))
        {
            filter["definitionId"] = query.DefinitionId.Trim();
        }

        if (query.DueBefore is { } dueBefore)
        {
            filter["dueBefore"] = dueBefore.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        }

        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            filter["text"] = query.Text.Trim();
        }

        var body = new JsonObject
        {
            ["filter"] = filter,
            ["sort"] = new JsonObject { ["field"] = query.SortField, ["direction"] = query.Descending ? "desc" : "asc" },
            ["pageSize"] = query.PageSize,
            ["offset"] = query.Offset,
        };
        return api.PostAsync<TaskSearchPage>("api/tasks/search", body, cancellationToken);
    }

    public virtual Task<HumanTask> GetAsync(string taskId, CancellationToken cancellationToken = default) =>
        api.GetAsync<HumanTask>(TaskPath(taskId), cancellationToken);

    public virtual Task<TaskForm> GetFormAsync(string taskId, CancellationToken cancellationToken = default) =>
        api.GetAsync<TaskForm>(TaskPath(taskId, "form"), cancellationToken);

    public virtual Task<HumanTask> ClaimAsync(HumanTask task, CancellationToken cancellationToken = default) =>
        MutateAsync(HttpMethod.Post, task, "claim", null, cancellationToken);

    public virtual Task<HumanTask> ReleaseAsync(HumanTask task, CancellationToken cancellationToken = default) =>
        MutateAsync(HttpMethod.Post, task, "release", null, cancellationToken);

    /// <summary>Completes the task with <paramref name="outcome"/>, an optional comment and the form data.</summary>
    public virtual Task<HumanTask> CompleteAsync(
        HumanTask task, string outcome, string? comment, JsonObject data, CancellationToken cancellationToken = default)
    {
        var body = new JsonObject
        {
            ["outcome"] = outcome,
            ["comment"] = string.IsNullOrWhiteSpace(comment) ? null : comment,
            ["data"] = data.DeepClone(),
        };
        return MutateAsync(HttpMethod.Post, task, "complete", body, cancellationToken);
    }

    /// <summary>Saves form data without completing the task; the server does not check a draft against the schema.</summary>
    public virtual Task<HumanTask> SaveDraftAsync(HumanTask task, JsonObject data, CancellationToken cancellationToken = default) =>
        MutateAsync(HttpMethod.Put, task, "draft", new JsonObject { ["data"] = data.DeepClone() }, cancellationToken);

    public virtual Task<PagedList<TaskHistoryEntry>> GetHistoryAsync(string taskId, CancellationToken cancellationToken = default) =>
        api.GetAsync<PagedList<TaskHistoryEntry>>(TaskPath(taskId, "history") + "?page=1&pageSize=200", cancellationToken);

    public virtual Task<PagedList<TaskComment>> GetCommentsAsync(string taskId, CancellationToken cancellationToken = default) =>
        api.GetAsync<PagedList<TaskComment>>(TaskPath(taskId, "comments") + "?page=1&pageSize=200", cancellationToken);

    /// <summary>Adds a comment. The task's ETag changes, so the caller reloads the task afterwards.</summary>
    public virtual Task<TaskComment> AddCommentAsync(HumanTask task, string text, CancellationToken cancellationToken = default) =>
        api.SendAsync<TaskComment>(
            HttpMethod.Post, TaskPath(task.Id, "comments"), JsonContent.Create(new JsonObject { ["text"] = text }, options: StudioJson.Options), IfMatch(task), cancellationToken);

    public virtual Task<PagedList<TaskAttachment>> GetAttachmentsAsync(string taskId, CancellationToken cancellationToken = default) =>
        api.GetAsync<PagedList<TaskAttachment>>(TaskPath(taskId, "attachments") + "?page=1&pageSize=200", cancellationToken);

    /// <summary>Uploads one file as <c>multipart/form-data</c> in the field <c>file</c>. The stream is read to its end.</summary>
    public virtual Task<TaskAttachment> UploadAsync(
        HumanTask task, string fileName, string contentType, Stream content, CancellationToken cancellationToken = default)
    {
        var file = new StreamContent(content);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(
            string.IsNullOrWhiteSpace(contentType) ? "application/octet-stream" : contentType);
        var form = new MultipartFormDataContent { { file, "file", fileName } };
        return api.SendAsync<TaskAttachment>(HttpMethod.Post, TaskPath(task.Id, "attachments"), form, IfMatch(task), cancellationToken);
    }

    /// <summary>Reads an attachment's bytes with the user's bearer token, so that the browser never needs the token.</summary>
    public virtual async Task<byte[]> DownloadAsync(string taskId, string attachmentId, CancellationToken cancellationToken = default)
    {
        using var response = await api.SendRawAsync(
            HttpMethod.Get, TaskPath(taskId, "attachments/" + Uri.EscapeDataString(attachmentId)), null, null, cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
    }

    private Task<HumanTask> MutateAsync(HttpMethod method, HumanTask task, string action, JsonObject? body, CancellationToken cancellationToken)
    {
        var content = JsonContent.Create(body ?? new JsonObject(), options: StudioJson.Options);
        return api.SendAsync<HumanTask>(method, TaskPath(task.Id, action), content, IfMatch(task), cancellationToken);
    }

    private static Dictionary<string, string>? IfMatch(HumanTask task) =>
        task.Etag is { Length: > 0 } etag ? new Dictionary<string, string> { ["If-Match"] = etag } : null;

    private static string TaskPath(string taskId, string? action = null) =>
        "api/tasks/" + Uri.EscapeDataString(taskId) + (action is null ? string.Empty : "/" + action);
}
