namespace ModelEngine.Workflows.Security.Credentials;

/// <summary>
/// A refresh token as stored: its SHA-256 hash, never the token. Every token that rotation issues from one login
/// shares the <see cref="FamilyId"/> of that login.
/// </summary>
public sealed record RefreshTokenRecord
{
    public required string Id { get; init; }

    /// <summary>The SHA-256 of the token as 64 lowercase hex digits.</summary>
    public required string TokenHash { get; init; }

    public required string FamilyId { get; init; }

    public required string UserName { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>When the token was exchanged for its successor; a token is exchanged once.</summary>
    public DateTimeOffset? UsedAt { get; init; }

    /// <summary>When the token's family was revoked, for example because a used token was presented again.</summary>
    public DateTimeOffset? RevokedAt { get; init; }
}
