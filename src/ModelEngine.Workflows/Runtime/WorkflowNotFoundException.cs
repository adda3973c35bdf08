namespace ModelEngine.Workflows.Runtime;

/// <summary>A definition, version or instance does not exist. The API returns 404.</summary>
public sealed class WorkflowNotFoundException : Exception
{
    public WorkflowNotFoundException(string message)
        : base(message)
    {
    }
}
