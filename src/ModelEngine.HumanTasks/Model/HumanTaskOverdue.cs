namespace ModelEngine.HumanTasks.Model;

/// <summary>
/// A commit change that marks a task overdue at <see cref="At"/> when its due-date timer fires. It changes the task
/// only while the task is open and not yet overdue, so a timer that fires for an ended task writes nothing.
/// </summary>
public sealed record HumanTaskOverdue(string TaskId, DateTimeOffset At);
