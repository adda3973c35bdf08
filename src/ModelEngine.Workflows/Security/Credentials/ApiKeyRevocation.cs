namespace ModelEngine.Workflows.Security.Credentials;

/// <summary>The outcome of <see cref="IApiKeyStore.RevokeAsync"/>.</summary>
public enum ApiKeyRevocation
{
    /// <summary>No key has the id.</summary>
    NotFound,

    /// <summary>The key was active and is now revoked.</summary>
    Revoked,

    /// <summary>The key had been revoked before; nothing changed.</summary>
    AlreadyRevoked,
}
