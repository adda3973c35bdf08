namespace ModelEngine.Persistence.EntityFrameworkCore.Credentials;

/// <summary>A row of the RefreshTokens table. The token itself is never stored, only its SHA-256 hash.</summary>
internal sealed class RefreshTokenEntity
{
    public required string Id { get; set; }

    public required string TokenHash { get; set; }

    public required string FamilyId { get; set; }

    public required string UserName { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? UsedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}
