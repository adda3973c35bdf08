namespace ModelEngine.HumanTasks.Inbox;

/// <summary>Limits of task operations, bound from <c>HumanTasks</c> in configuration.</summary>
public sealed class HumanTaskOptions
{
    /// <summary>The largest attachment accepted, in bytes. The default is 10 MiB.</summary>
    public long MaxAttachmentBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>The content types an attachment may have. A type outside the list is rejected with 400.</summary>
    public IList<string> AttachmentContentTypes { get; set; } =
    [
        "application/pdf",
        "image/png",
        "image/jpeg",
        "image/gif",
        "text/plain",
        "text/csv",
        "application/json",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ];

    /// <summary>The longest comment accepted, in characters.</summary>
    public int MaxCommentLength { get; set; } = 4000;
}
