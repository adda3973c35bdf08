namespace ModelEngine.Workflows.Runtime;

/// <summary>A fault recorded on an instance: which activity failed, why, and when.</summary>
public sealed record Incident(string ActivityId, string ActivityType, string Message, DateTimeOffset Timestamp);
