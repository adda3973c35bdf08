namespace ModelEngine.Workflows.Persistence;

/// <summary>How often an activity of a definition faulted: its incidents (ActivityFaulted journal entries), retried ones included.</summary>
public sealed record ActivityFaultCount(string DefinitionId, string ActivityId, string? ActivityType, long Count);
