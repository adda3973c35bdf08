namespace ModelEngine.Server.Endpoints.Contracts;

/// <summary>The response of <c>POST /api/api-keys</c>: the only response that carries the key itself.</summary>
public sealed record CreatedApiKeyResponse(
    string Id,
    string Name,
    IReadOnlyList<string> Groups,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset? ExpiresAt,
    string Key);
