namespace ModelEngine.Server.Endpoints.Contracts;

/// <summary>The body of <c>POST /api/tasks/{id}/fail</c>: why the task cannot be done.</summary>
public sealed record FailTaskRequest(string? Reason, string? OnBehalfOf = null);
