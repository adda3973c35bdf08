namespace ModelEngine.Workflows.Runtime;

/// <summary>
/// Another node holds the lease of the instance, or this node lost it before its commit, so the operation changed
/// nothing. The API returns 503 with a Retry-After header.
/// </summary>
public sealed class WorkflowInstanceBusyException : Exception
{
    public WorkflowInstanceBusyException(string instanceId, TimeSpan retryAfter, string message)
        : base(message)
    {
        InstanceId = instanceId;
        RetryAfter = retryAfter;
    }

    public string InstanceId { get; }

    /// <summary>The time after which a retry is likely to find the lease free.</summary>
    public TimeSpan RetryAfter { get; }
}
