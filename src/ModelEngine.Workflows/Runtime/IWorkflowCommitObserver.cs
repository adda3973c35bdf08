namespace ModelEngine.Workflows.Runtime;

/// <summary>
/// Learns of each step that this node committed for an instance, such as a request that waits for the instance to
/// suspend or finish. The runtime calls it after the commit, on the thread that ran the step, so it must return quickly
/// and must not throw.
/// </summary>
public interface IWorkflowCommitObserver
{
    void OnCommitted(string workflowInstanceId, WorkflowSubStatus subStatus);
}
