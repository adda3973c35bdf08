namespace ModelEngine.Workflows.Runtime;

/// <summary>
/// A work queue that runs nothing, for hosts without a background worker. Pending instances then run only when
/// <see cref="IWorkflowRuntime.RunPendingAsync"/> is called, for example by start-up recovery.
/// </summary>
public sealed class NullWorkflowWorkQueue : IWorkflowWorkQueue
{
    public void Enqueue(string instanceId)
    {
    }
}
