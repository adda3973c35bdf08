using System.Text.Json.Nodes;

namespace ModelEngine.Server.Endpoints.Contracts;

/// <summary>The body of <c>POST /api/events/{name}/trigger</c>; both fields are optional.</summary>
public sealed record TriggerEventRequest(string? CorrelationId, JsonNode? Input);
