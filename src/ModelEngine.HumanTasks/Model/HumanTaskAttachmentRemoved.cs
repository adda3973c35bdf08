namespace ModelEngine.HumanTasks.Model;

/// <summary>A commit change that deletes an attachment of a task.</summary>
public sealed record HumanTaskAttachmentRemoved(string TaskId, string AttachmentId);
