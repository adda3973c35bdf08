namespace ModelEngine.Studio.Api.Dashboard;

/// <summary>An activity of a definition and the number of times it faulted over the period.</summary>
public sealed record FaultingActivity(string DefinitionId, string ActivityId, string? ActivityType, int Count);
