namespace ModelEngine.Server.Endpoints.Contracts;

/// <summary>The body of <c>PUT /api/tasks/{id}/due-date</c>; <see langword="null"/> clears the due date.</summary>
public sealed record SetTaskDueDateRequest(DateTimeOffset? DueAt, string? OnBehalfOf = null);
