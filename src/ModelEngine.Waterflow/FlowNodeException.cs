namespace ModelEngine.Waterflow;

/// <summary>A node of a flow failed and no error callback handled the failure; the inner exception is the cause.</summary>
public sealed class FlowNodeException : Exception
{
    public FlowNodeException()
    {
    }

    public FlowNodeException(string message)
        : base(message)
    {
    }

    public FlowNodeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
