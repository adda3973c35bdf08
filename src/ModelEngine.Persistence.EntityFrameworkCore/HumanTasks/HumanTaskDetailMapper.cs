using System.Text.Json.Nodes;
using ModelEngine.HumanTasks.Model;

namespace ModelEngine.Persistence.EntityFrameworkCore.HumanTasks;

/// <summary>Maps task history entries, comments and attachments to their rows and back.</summary>
internal static class HumanTaskDetailMapper
{
    public static HumanTaskHistoryEntity ToEntity(HumanTaskHistoryEntry entry) => new()
    {
        Id = entry.Id,
        TaskId = entry.TaskId,
        WorkflowInstanceId = entry.WorkflowInstanceId,
        Action = entry.Action,
        Actor = entry.Actor,
        OnBehalfOf = entry.OnBehalfOf,
        At = entry.At,
        StatusBefore = entry.StatusBefore,
        StatusAfter = entry.StatusAfter,
        DetailsJson = entry.Details?.ToJsonString(),
    };

    public static HumanTaskHistoryEntry ToEntry(HumanTaskHistoryEntity entity) => new()
    {
        Id = entity.Id,
        TaskId = entity.TaskId,
        WorkflowInstanceId = entity.WorkflowInstanceId,
        Action = entity.Action,
        Actor = entity.Actor,
        OnBehalfOf = entity.OnBehalfOf,
        At = entity.At,
        StatusBefore = entity.StatusBefore,
        StatusAfter = entity.StatusAfter,
        Details = entity.DetailsJson is null ? null : JsonNode.Parse(entity.DetailsJson) as JsonObject,
    };

    public static HumanTaskCommentEntity ToEntity(HumanTaskComment comment) => new()
    {
        Id = comment.Id,
        TaskId = comment.TaskId,
        Author = comment.Author,
        OnBehalfOf = comment.OnBehalfOf,
        Text = comment.Text,
        CreatedAt = comment.CreatedAt,
    };

    public static HumanTaskComment ToComment(HumanTaskCommentEntity entity) => new()
    {
        Id = entity.Id,
        TaskId = entity.TaskId,
        Author = entity.Author,
        OnBehalfOf = entity.OnBehalfOf,
        Text = entity.Text,
        CreatedAt = entity.CreatedAt,
    };

    public static HumanTaskAttachmentEntity ToEntity(HumanTaskAttachment attachment) => new()
    {
        Id = attachment.Id,
        TaskId = attachment.TaskId,
        FileName = attachment.FileName,
        ContentType = attachment.ContentType,
        Size = attachment.Size,
        UploadedBy = attachment.UploadedBy,
        OnBehalfOf = attachment.OnBehalfOf,
        CreatedAt = attachment.CreatedAt,
        Content = attachment.Content.ToArray(),
    };

    public static HumanTaskAttachment ToAttachment(HumanTaskAttachmentEntity entity, bool withContent) => new()
    {
        Id = entity.Id,
        TaskId = entity.TaskId,
        FileName = entity.FileName,
        ContentType = entity.ContentType,
        Size = entity.Size,
        UploadedBy = entity.UploadedBy,
        OnBehalfOf = entity.OnBehalfOf,
        CreatedAt = entity.CreatedAt,
        Content = withContent ? entity.Content : ReadOnlyMemory<byte>.Empty,
    };
}
