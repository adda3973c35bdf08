namespace ModelEngine.Server.Endpoints.Contracts;

/// <summary>The body of <c>PUT /api/tasks/{id}/priority</c>. Higher numbers come first in the inbox.</summary>
public sealed record SetTaskPriorityRequest(int? Priority, string? OnBehalfOf = null);
