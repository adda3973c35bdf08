using System.Text.Json.Nodes;

namespace ModelEngine.Server.Endpoints.Contracts;

/// <summary>The optional body of <c>dispatch</c> and <c>execute</c>: the instance's input and correlation id.</summary>
public sealed record DispatchRequest(JsonObject? Input, string? CorrelationId);
