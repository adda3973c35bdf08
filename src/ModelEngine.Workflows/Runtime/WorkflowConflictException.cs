namespace ModelEngine.Workflows.Runtime;

/// <summary>An operation does not fit the current state, such as cancelling a finished instance. The API returns 409.</summary>
public sealed class WorkflowConflictException : Exception
{
    public WorkflowConflictException(string message)
        : base(message)
    {
    }
}
