namespace ModelEngine.Studio.Hosting;

/// <summary>The <c>Studio:Oidc</c> section: the OpenID Connect client that signs users in to the studio.</summary>
public sealed class StudioOidcOptions
{
    /// <summary>The provider's issuer URL. Empty turns OpenID Connect sign-in off, and the studio shows its login form.</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>The scopes requested besides <c>openid</c> and <c>profile</c>, such as the API scope the server's audience needs.</summary>
    public List<string> Scopes { get; set; } = [];

    /// <summary>Whether the discovery document must be read over HTTPS. Turn it off only for a provider on a development machine.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>The claim with the user name in the access token, as the server reads it.</summary>
    public string NameClaim { get; set; } = "preferred_username";

    /// <summary>The claim with the user's groups in the access token, as the server reads it.</summary>
    public string GroupsClaim { get; set; } = "groups";

    public bool IsEnabled => !string.IsNullOrWhiteSpace(Authority);
}
