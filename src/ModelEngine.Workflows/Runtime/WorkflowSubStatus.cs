namespace ModelEngine.Workflows.Runtime;

/// <summary>
/// The detailed status of an instance. <see cref="Pending"/>, <see cref="Executing"/> and <see cref="Suspended"/> are
/// <see cref="WorkflowStatus.Running"/>; the others are <see cref="WorkflowStatus.Finished"/>.
/// </summary>
public enum WorkflowSubStatus
{
    /// <summary>Committed with work to do: start-up recovery runs every Pending instance.</summary>
    Pending,

    /// <summary>Running on a node now.</summary>
    Executing,

    /// <summary>Waiting on at least one bookmark (a task, a timer or an external resume).</summary>
    Suspended,

    Finished,
    Cancelled,
    Faulted,
}
