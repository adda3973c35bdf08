using System.Text.Json.Nodes;

namespace ModelEngine.Server.Endpoints.Contracts;

/// <summary>The body of <c>PUT /api/tasks/{id}/draft</c>: form data saved without completing the task.</summary>
public sealed record SaveTaskDraftRequest(JsonNode? Data, string? OnBehalfOf = null);
