namespace ModelEngine.HumanTasks.Deadlines;

/// <summary>What a task deadline does when it fires.</summary>
public enum DeadlineAction
{
    /// <summary>Records an escalation with the target for notifications, and leaves the task as it is.</summary>
    Notify,

    /// <summary>Moves the task to the target: a user is assigned it (Reserved), or a group may claim it (Ready).</summary>
    Reassign,

    /// <summary>Completes the task with the deadline's outcome, as the system user.</summary>
    Complete,
}
