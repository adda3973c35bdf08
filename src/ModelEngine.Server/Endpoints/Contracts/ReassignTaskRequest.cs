namespace ModelEngine.Server.Endpoints.Contracts;

/// <summary>The body of <c>POST /api/tasks/{id}/reassign</c>: the new holder.</summary>
public sealed record ReassignTaskRequest(string? Assignee, string? OnBehalfOf = null);
