namespace ModelEngine.HumanTasks.Deadlines;

/// <summary>
/// The UserTask inputs <c>startDeadline</c> and <c>completionDeadline</c>: after <see cref="After"/> from the task's
/// creation, <see cref="Action"/> runs on a task that has not started, or not ended. <see cref="Target"/> is a user or
/// <c>group:name</c> for Notify and Reassign, and <see cref="Outcome"/> is the outcome of Complete.
/// </summary>
public sealed record TaskDeadline(TimeSpan After, DeadlineAction Action)
{
    public string? Target { get; init; }

    public string? Outcome { get; init; }
}
