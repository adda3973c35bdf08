namespace ModelEngine.Server.Endpoints.Contracts;

/// <summary>The body of <c>POST /api/tasks/{id}/forward</c>: the new candidate users and groups.</summary>
public sealed record ForwardTaskRequest(IReadOnlyList<string>? CandidateUsers, IReadOnlyList<string>? CandidateGroups, string? OnBehalfOf = null);
