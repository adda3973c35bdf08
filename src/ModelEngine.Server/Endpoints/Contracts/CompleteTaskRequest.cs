using System.Text.Json.Nodes;

namespace ModelEngine.Server.Endpoints.Contracts;

/// <summary>
/// The body of <c>POST /api/tasks/{id}/complete</c>: the chosen outcome, and an optional comment and data. An
/// administrator may name the user they act for in <see cref="OnBehalfOf"/>.
/// </summary>
public sealed record CompleteTaskRequest(string? Outcome, string? Comment, JsonNode? Data, string? OnBehalfOf = null);
