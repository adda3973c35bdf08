namespace ModelEngine.Studio.Hosting;

/// <summary>The <c>Studio</c> configuration section.</summary>
public sealed class StudioOptions
{
    public const string SectionName = "Studio";

    /// <summary>Whether the server hosts the studio. The standalone studio ignores it.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The path the studio is served under, such as <c>/studio</c>.</summary>
    public string PathBase { get; set; } = "/studio";

    /// <summary>
    /// The ModelEngine server's base URL, such as <c>http://127.0.0.1:5000/</c>. Empty when the server hosts the studio:
    /// the studio then calls the address the server listens on.
    /// </summary>
    public string? ServerUrl { get; set; }

    /// <summary>Sign-in through an OpenID Connect provider, used when its authority is set.</summary>
    public StudioOidcOptions Oidc { get; set; } = new();

    /// <summary>Where the keys that protect the studio's cookies are kept.</summary>
    public StudioDataProtectionOptions DataProtection { get; set; } = new();
}
