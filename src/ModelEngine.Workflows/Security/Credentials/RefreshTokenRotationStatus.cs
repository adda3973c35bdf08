namespace ModelEngine.Workflows.Security.Credentials;

/// <summary>The outcome of <see cref="IRefreshTokenStore.RotateAsync"/>.</summary>
public enum RefreshTokenRotationStatus
{
    /// <summary>The token was valid; it is now used and its successor is stored.</summary>
    Rotated,

    /// <summary>No token has the hash.</summary>
    Unknown,

    /// <summary>The token expired before it was presented.</summary>
    Expired,

    /// <summary>The token's family was revoked before.</summary>
    Revoked,

    /// <summary>The token had been exchanged already. Its whole family is revoked now.</summary>
    Reused,
}
