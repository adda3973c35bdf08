namespace ModelEngine.Workflows.Security.Credentials;

/// <summary>Stores refresh tokens by hash and rotates them, with reuse detection.</summary>
public interface IRefreshTokenStore
{
    /// <summary>Stores the first token of a new family, at login.</summary>
    Task CreateAsync(RefreshTokenRecord token, CancellationToken cancellationToken = default);

    /// <summary>
    /// Exchanges the token whose hash is <paramref name="presentedHash"/> for a successor, atomically: a valid
    /// token is marked used and the successor, in the same family and for the same user, is stored with
    /// <paramref name="newHash"/> and <paramref name="newExpiresAt"/>. A token that was used before makes the store
    /// revoke every token of its family and return <see cref="RefreshTokenRotationStatus.Reused"/>. Of two
    /// concurrent exchanges of one token, one rotates and the other counts as reuse.
    /// </summary>
    Task<RefreshTokenRotation> RotateAsync(
        string presentedHash,
        string newHash,
        DateTimeOffset newExpiresAt,
        DateTimeOffset now,
        CancellationToken cancellationToken = default);

    /// <summary>Deletes the tokens that expired before <paramref name="expiredBefore"/>, and returns how many it deleted.</summary>
    Task<int> DeleteExpiredAsync(DateTimeOffset expiredBefore, CancellationToken cancellationToken = default);

    /// <summary>Revokes every token of a family that is not revoked yet, and returns how many it revoked.</summary>
    Task<int> RevokeFamilyAsync(string familyId, DateTimeOffset now, CancellationToken cancellationToken = default);
}
