namespace ModelEngine.Studio.Api.Tasks;

/// <summary>A file attached to a task; <see cref="Size"/> is in bytes.</summary>
public sealed record TaskAttachment(string Id, string FileName, string? ContentType, long Size, string? UploadedBy, DateTimeOffset CreatedAt);
