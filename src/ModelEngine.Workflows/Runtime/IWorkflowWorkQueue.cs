namespace ModelEngine.Workflows.Runtime;

/// <summary>
/// Hands committed Pending instances to a background worker. Losing an entry loses no work, because start-up recovery
/// runs every Pending instance again.
/// </summary>
public interface IWorkflowWorkQueue
{
    void Enqueue(string instanceId);
}
