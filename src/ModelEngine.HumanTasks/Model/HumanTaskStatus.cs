namespace ModelEngine.HumanTasks.Model;

/// <summary>Task statuses, following WS-HumanTask.</summary>
public enum HumanTaskStatus
{
    Created,
    Ready,
    Reserved,
    InProgress,
    Suspended,
    Completed,
    Failed,

    /// <summary>The instance was cancelled, or an admin ended the task.</summary>
    Exited,

    /// <summary>No longer needed: the instance finished, or a join or a vote made the task moot.</summary>
    Obsolete,
}
