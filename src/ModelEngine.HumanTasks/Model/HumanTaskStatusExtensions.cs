namespace ModelEngine.HumanTasks.Model;

/// <summary>Groups task statuses.</summary>
public static class HumanTaskStatusExtensions
{
    /// <summary>Whether a task in this status still appears in inboxes.</summary>
    public static bool IsOpen(this HumanTaskStatus status) =>
        status is HumanTaskStatus.Ready or HumanTaskStatus.Reserved or HumanTaskStatus.InProgress;

    /// <summary>Whether the task has ended for good.</summary>
    public static bool IsFinal(this HumanTaskStatus status) =>
        status is HumanTaskStatus.Completed or HumanTaskStatus.Failed or HumanTaskStatus.Exited or HumanTaskStatus.Obsolete;
}
