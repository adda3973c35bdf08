namespace ModelEngine.HumanTasks.Model;

/// <summary>
/// A commit change that replaces a stored task with <see cref="Task"/>, whose revision must be one more than
/// <see cref="ExpectedRevision"/>. The committer fails the whole commit when the stored revision differs.
/// </summary>
public sealed record HumanTaskUpdated(HumanTask Task, long ExpectedRevision)
{
    /// <summary>
    /// The task as the caller read it at <see cref="ExpectedRevision"/>, or <see langword="null"/>. With it, the store
    /// compares candidates against it instead of reading the row again; the revision check in the update still applies.
    /// </summary>
    public HumanTask? Previous { get; init; }
}
