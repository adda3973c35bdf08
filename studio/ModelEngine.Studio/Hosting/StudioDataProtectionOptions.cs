namespace ModelEngine.Studio.Hosting;

/// <summary>The <c>Studio:DataProtection</c> section: where the keys that protect the studio's cookies are kept.</summary>
public sealed class StudioDataProtectionOptions
{
    /// <summary>
    /// The application name that isolates the studio's protected data. The server that hosts the studio and the
    /// standalone studio use the same name, so a cookie one issues is read by the other when they share keys.
    /// </summary>
    public const string ApplicationName = "ModelEngine.Studio";

    /// <summary>
    /// A folder for the key ring, shared by every replica and kept across restarts (a mounted volume in a container).
    /// Unset, the keys stay in ASP.NET Core's default place: the user profile of one machine, which a new container does
    /// not have, or only memory when there is no profile. Another replica or a new container then signs users out.
    /// </summary>
    public string? KeysPath { get; set; }
}
