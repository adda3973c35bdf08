using ModelEngine.Workflows.Security.Credentials;

namespace ModelEngine.Server.Endpoints.Contracts;

/// <summary>A stored API key as listed: never the key itself. <c>Status</c> is <c>Active</c>, <c>Expired</c> or <c>Revoked</c>.</summary>
public sealed record ApiKeyResponse(
    string Id,
    string Name,
    IReadOnlyList<string> Groups,
    string Status,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt,
    string? RevokedBy)
{
    public static ApiKeyResponse From(StoredApiKey key, DateTimeOffset now) => new(
        key.Id,
        key.Name,
        key.Groups,
        key.RevokedAt is not null ? "Revoked" : key.IsActiveAt(now) ? "Active" : "Expired",
        key.CreatedAt,
        key.CreatedBy,
        key.ExpiresAt,
        key.RevokedAt,
        key.RevokedBy);
}
