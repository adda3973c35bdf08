namespace ModelEngine.Server.Endpoints.Contracts;

/// <summary>The body of <c>POST /api/tasks/{id}/delegate</c>: the user who works on the task and resolves it back.</summary>
public sealed record DelegateTaskRequest(string? To, string? OnBehalfOf = null);
