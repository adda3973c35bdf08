namespace ModelEngine.Workflows.Runtime.State;

/// <summary>
/// The parent instance that waits for a child instance: the bookmark the child's end resumes, and the activity that
/// owns it. A child started without waiting has no parent link.
/// </summary>
public sealed record ParentLink(string InstanceId, string BookmarkId, string ActivityId);
