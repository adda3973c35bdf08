namespace ModelEngine.Server.Endpoints.Contracts;

/// <summary>The body of <c>POST /api/api-keys</c>.</summary>
public sealed record CreateApiKeyRequest(string? Name, IReadOnlyList<string?>? Groups, DateTimeOffset? ExpiresAt);
