namespace ModelEngine.Workflows.Runtime;

/// <summary>The coarse status of an instance, derived from <see cref="WorkflowSubStatus"/> as in Elsa.</summary>
public enum WorkflowStatus
{
    Running,
    Finished,
}
