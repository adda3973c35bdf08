namespace ModelEngine.HumanTasks.Model;

/// <summary>
/// A commit change that replaces a stored task with <see cref="Task"/>, whose revision must be one more than
/// <see cref="ExpectedRevision"/>. The committer fails the whole commit when the stored revision differs.
/// </summary>
public sealed record HumanTaskUpdated(HumanTask Task, long ExpectedRevision);
