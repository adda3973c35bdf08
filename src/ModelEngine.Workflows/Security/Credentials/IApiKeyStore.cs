using ModelEngine.Workflows.Persistence;

namespace ModelEngine.Workflows.Security.Credentials;

/// <summary>Stores the API keys that admins create through the API.</summary>
public interface IApiKeyStore
{
    /// <summary>
    /// Stores a new key. Throws <see cref="ConcurrencyConflictException"/> when a stored key already has the name or
    /// the hash.
    /// </summary>
    Task CreateAsync(StoredApiKey key, CancellationToken cancellationToken = default);

    /// <summary>Returns the key with this hash (64 lowercase hex digits), revoked or not, or <see langword="null"/>.</summary>
    Task<StoredApiKey?> FindByHashAsync(string hash, CancellationToken cancellationToken = default);

    Task<StoredApiKey?> FindByIdAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Returns a page of every stored key, revoked ones included, ordered by name.</summary>
    Task<Page<StoredApiKey>> ListAsync(PageRequest page, CancellationToken cancellationToken = default);

    /// <summary>Marks a key revoked at <paramref name="revokedAt"/> by <paramref name="revokedBy"/>.</summary>
    Task<ApiKeyRevocation> RevokeAsync(string id, string revokedBy, DateTimeOffset revokedAt, CancellationToken cancellationToken = default);
}
