namespace ModelEngine.Server.Identity;

/// <summary>
/// The <c>Identity:Oidc</c> section. When <see cref="Authority"/> is set, the server accepts access tokens issued by
/// that OpenID Connect provider instead of its own, and login and refresh are turned off.
/// </summary>
public sealed class ExternalOidcOptions
{
    /// <summary>The issuer URL of the provider, such as <c>https://login.example.com/realms/modelengine</c>. Empty keeps the configured users.</summary>
    public string? Authority { get; set; }

    /// <summary>The <c>aud</c> value that tokens must carry, usually the client id registered for ModelEngine.</summary>
    public string? Audience { get; set; }

    /// <summary>
    /// Where the discovery document is read, when it is not <c>{Authority}/.well-known/openid-configuration</c>.
    /// </summary>
    public string? MetadataAddress { get; set; }

    /// <summary>Whether the discovery document must be read over HTTPS. Turn it off only for a provider on a development machine.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>The claim that contains the user name, such as <c>preferred_username</c>, <c>email</c> or <c>upn</c>.</summary>
    public string NameClaim { get; set; } = "preferred_username";

    /// <summary>The claim that contains the user's groups, such as <c>groups</c> or <c>roles</c>: a string or an array of strings.</summary>
    public string GroupsClaim { get; set; } = "groups";

    /// <summary>Whether the external configuration is on.</summary>
    public bool IsEnabled => !string.IsNullOrWhiteSpace(Authority);
}
