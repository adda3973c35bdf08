namespace ModelEngine.HumanTasks.Model;

/// <summary>The state of a delegated task: the delegate works on it, or has handed it back to its owner.</summary>
public enum HumanTaskDelegationState
{
    /// <summary>The delegate is the task's assignee and resolves it back to the owner.</summary>
    Pending,

    /// <summary>The delegate resolved the task, and the owner is its assignee again.</summary>
    Resolved,
}
