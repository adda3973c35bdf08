namespace ModelEngine.Persistence.EntityFrameworkCore.Credentials;

/// <summary>A row of the ApiKeys table. The key itself is never stored, only its SHA-256 hash.</summary>
internal sealed class ApiKeyEntity
{
    public required string Id { get; set; }

    public required string Name { get; set; }

    public required string Hash { get; set; }

    /// <summary>The groups as a JSON array of strings.</summary>
    public required string GroupsJson { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public string? RevokedBy { get; set; }
}
