namespace ModelEngine.Server.Endpoints.Contracts;

/// <summary>The instances an event resumed; each resume was committed before the response.</summary>
public sealed record TriggerEventResponse(string EventName, string? CorrelationId, IReadOnlyList<string> ResumedInstances);
