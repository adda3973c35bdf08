namespace ModelEngine.HumanTasks.Model;

/// <summary>Where a delegated task stands: the delegate works on it, or has handed it back to its owner.</summary>
public enum HumanTaskDelegationState
{
    /// <summary>The delegate holds the task and resolves it back to the owner.</summary>
    Pending,

    /// <summary>The delegate resolved the task, and the owner holds it again.</summary>
    Resolved,
}
