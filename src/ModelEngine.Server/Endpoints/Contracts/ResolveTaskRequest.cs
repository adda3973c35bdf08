using System.Text.Json.Nodes;

namespace ModelEngine.Server.Endpoints.Contracts;

/// <summary>The body of <c>POST /api/tasks/{id}/resolve</c>: the delegate's comment and draft data for the owner.</summary>
public sealed record ResolveTaskRequest(string? Comment, JsonNode? Data, string? OnBehalfOf = null);
