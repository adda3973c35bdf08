namespace ModelEngine.Workflows.Runtime;

/// <summary>An activity faults its instance on purpose, such as the Fault activity; the message becomes the incident.</summary>
public sealed class WorkflowFaultException : Exception
{
    public WorkflowFaultException(string message)
        : base(message)
    {
    }
}
