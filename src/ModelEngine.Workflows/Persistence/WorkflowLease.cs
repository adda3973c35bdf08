namespace ModelEngine.Workflows.Persistence;

/// <summary>The lease of an instance: the node that holds it and the time it expires unless renewed.</summary>
public sealed record WorkflowLease(string InstanceId, string OwnerId, DateTimeOffset ExpiresAt);
