namespace ModelEngine.Workflows.Security.Credentials;

/// <summary>An API key created through the API. Only the SHA-256 hash of the key is kept.</summary>
public sealed record StoredApiKey
{
    public required string Id { get; init; }

    /// <summary>The client's name, unique among stored keys (revoked ones included) and used as its user name.</summary>
    public required string Name { get; init; }

    /// <summary>The SHA-256 of the key as 64 lowercase hex digits.</summary>
    public required string Hash { get; init; }

    public required IReadOnlyList<string> Groups { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required string CreatedBy { get; init; }

    /// <summary>When the key stops working, or <see langword="null"/> for a key that does not expire.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    public DateTimeOffset? RevokedAt { get; init; }

    public string? RevokedBy { get; init; }

    /// <summary>Whether the key authenticates a request at <paramref name="now"/>: not revoked and not expired.</summary>
    public bool IsActiveAt(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);
}
