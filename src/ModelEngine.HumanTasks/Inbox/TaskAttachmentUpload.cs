namespace ModelEngine.HumanTasks.Inbox;

/// <summary>A file a reviewer adds to a task.</summary>
public sealed record TaskAttachmentUpload(string FileName, string ContentType, ReadOnlyMemory<byte> Content);
