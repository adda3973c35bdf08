namespace ModelEngine.Workflows.Persistence;

/// <summary>A stored instance: its summary row and its serialized state.</summary>
public sealed record WorkflowInstanceSnapshot(WorkflowInstanceSummary Summary, string StateJson);
