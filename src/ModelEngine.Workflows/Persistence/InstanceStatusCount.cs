using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Workflows.Persistence;

/// <summary>The number of instances in one status and sub-status.</summary>
public sealed record InstanceStatusCount(WorkflowStatus Status, WorkflowSubStatus SubStatus, long Count);
