namespace ModelEngine.Server.Identity;

/// <summary>A user of the configured user store: a name, a PBKDF2 password hash and the groups it belongs to.</summary>
public sealed class ConfiguredUser
{
    public string Username { get; set; } = "";

    /// <summary>
    /// The hash in ASP.NET Core Identity's <c>PasswordHasher</c> format (PBKDF2 with a random salt), as printed by
    /// <c>dotnet run --project src/ModelEngine.Server -- hash-password PASSWORD</c>.
    /// </summary>
    public string PasswordHash { get; set; } = "";

    public List<string> Groups { get; set; } = [];
}
