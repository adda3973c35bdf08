namespace ModelEngine.Server.Endpoints.Contracts;

/// <summary>A sort: <c>field</c> is createdAt, dueAt, followUpAt or priority; <c>direction</c> is asc (default) or desc.</summary>
public sealed record TaskSortBody(string? Field, string? Direction);
