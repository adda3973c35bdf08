namespace ModelEngine.Messaging.Contracts;

/// <summary>
/// Asks any node to run the committed Pending work of an instance. Running it twice is harmless, because the runtime
/// does nothing for an instance without Pending work and its commit rejects a second writer.
/// </summary>
public sealed record RunWorkflowInstance
{
    public required string WorkflowInstanceId { get; init; }
}
