namespace ModelEngine.Server.Identity;

/// <summary>Token signing, the configured users and the API keys, bound from the <c>Identity</c> section.</summary>
public sealed class ServerIdentityOptions
{
    public const string SectionName = "Identity";

    /// <summary>The minimum length of <see cref="SigningKey"/> in UTF-8 bytes, as HMAC-SHA256 requires 256 bits.</summary>
    public const int MinSigningKeyBytes = 32;

    /// <summary>
    /// The HMAC-SHA256 key that signs access tokens. Every node of a cluster shares it, so tokens stay valid across
    /// restarts and nodes. Required outside the Development environment.
    /// </summary>
    public string? SigningKey { get; set; }

    public string Issuer { get; set; } = "ModelEngine";

    public string Audience { get; set; } = "ModelEngine";

    /// <summary>How long an access token stays valid.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>How long a refresh token from login or refresh stays valid; each rotation starts a new period.</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>
    /// How long a node trusts its cached lookup of a stored API key. A key revoked on another node keeps working here
    /// for at most this long. Zero turns the cache off.
    /// </summary>
    public TimeSpan ApiKeyCacheDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>An external OpenID Connect provider that issues the access tokens instead of the configured users.</summary>
    public ExternalOidcOptions Oidc { get; set; } = new();

    public List<ConfiguredUser> Users { get; set; } = [];

    public List<ConfiguredApiKey> ApiKeys { get; set; } = [];

    /// <summary>Extra users and groups for the studio's pickers.</summary>
    public DirectoryOptions Directory { get; set; } = new();
}
