using ModelEngine.HumanTasks.Model;

namespace ModelEngine.Server.Endpoints.Contracts;

/// <summary>An attachment of a task, without its content; <see cref="Href"/> downloads it.</summary>
public sealed record TaskAttachmentResponse(
    string Id,
    string FileName,
    string ContentType,
    long Size,
    string UploadedBy,
    string? OnBehalfOf,
    DateTimeOffset CreatedAt,
    string Href)
{
    public static TaskAttachmentResponse From(HumanTaskAttachment attachment)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        return new TaskAttachmentResponse(
            attachment.Id,
            attachment.FileName,
            attachment.ContentType,
            attachment.Size,
            attachment.UploadedBy,
            attachment.OnBehalfOf,
            attachment.CreatedAt,
            $"/api/tasks/{Uri.EscapeDataString(attachment.TaskId)}/attachments/{Uri.EscapeDataString(attachment.Id)}");
    }
}
