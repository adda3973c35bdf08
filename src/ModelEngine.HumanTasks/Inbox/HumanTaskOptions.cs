namespace ModelEngine.HumanTasks.Inbox;

/// <summary>Limits of task operations, bound from <c>HumanTasks</c> in configuration.</summary>
public sealed class HumanTaskOptions
{
    /// <summary>The largest attachment accepted, in bytes. The default is 10 MiB.</summary>
    public long MaxAttachmentBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>The content types accepted when <see cref="AttachmentContentTypes"/> is empty.</summary>
    public static readonly IReadOnlyList<string> DefaultAttachmentContentTypes =
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

    /// <summary>
    /// The content types an attachment may have, in place of <see cref="DefaultAttachmentContentTypes"/>. Configuration
    /// binding adds to a list, so the defaults live apart and a configured list replaces them.
    /// </summary>
    public IList<string> AttachmentContentTypes { get; set; } = [];

    /// <summary>The content types accepted: the configured ones, or the defaults when none are configured.</summary>
    public IReadOnlyList<string> AcceptedContentTypes =>
        AttachmentContentTypes.Count > 0 ? AttachmentContentTypes.ToList() : DefaultAttachmentContentTypes;

    /// <summary>The longest comment accepted, in characters.</summary>
    public int MaxCommentLength { get; set; } = 4000;
}
