namespace ModelEngine.Server.Identity;

/// <summary>An API key that machine clients send in the <c>X-Api-Key</c> header.</summary>
public sealed class ConfiguredApiKey
{
    /// <summary>The name that stands for the client, as the user name does for a person.</summary>
    public string Name { get; set; } = "";

    /// <summary>The SHA-256 hash of the key as lowercase or uppercase hex; the key itself is never stored.</summary>
    public string Hash { get; set; } = "";

    public List<string> Groups { get; set; } = [];
}
