namespace ModelEngine.Server.Hosting;

/// <summary>Settings of the generation stream endpoint, bound from <c>Fel:Stream</c>.</summary>
public sealed class FelStreamOptions
{
    public const string SectionName = "Fel:Stream";

    /// <summary>
    /// The idle time after which the endpoint sends a comment line, so that proxies and clients keep the connection
    /// open while the model thinks. 15 seconds by default.
    /// </summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);
}
