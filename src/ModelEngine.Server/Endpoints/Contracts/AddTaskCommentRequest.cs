namespace ModelEngine.Server.Endpoints.Contracts;

/// <summary>The body of <c>POST /api/tasks/{id}/comments</c>.</summary>
public sealed record AddTaskCommentRequest(string? Text, string? OnBehalfOf = null);
