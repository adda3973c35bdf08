namespace ModelEngine.Workflows.Persistence;

/// <summary>How often an activity of a definition faulted: its ActivityFaulted journal entries.</summary>
public sealed record ActivityFaultCount(string DefinitionId, string ActivityId, string? ActivityType, long Count);
