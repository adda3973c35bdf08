namespace ModelEngine.Workflows.Runtime;

/// <summary>Maps sub-statuses to statuses.</summary>
public static class WorkflowStatusExtensions
{
    public static WorkflowStatus ToStatus(this WorkflowSubStatus subStatus) => subStatus switch
    {
        WorkflowSubStatus.Pending or WorkflowSubStatus.Executing or WorkflowSubStatus.Suspended => WorkflowStatus.Running,
        _ => WorkflowStatus.Finished,
    };
}
