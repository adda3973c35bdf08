namespace ModelEngine.Studio.EndToEndTests.Infrastructure;

/// <summary>Upper bounds for the browser's waits, generous enough for a loaded 2-core machine.</summary>
public static class BrowserTimeouts
{
    /// <summary>The default for every Playwright action, navigation and wait.</summary>
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(15);

    public static readonly TimeSpan Launch = TimeSpan.FromSeconds(60);

    /// <summary>For the server's start and for calls to its API from the tests.</summary>
    public static readonly TimeSpan Server = TimeSpan.FromSeconds(60);

    /// <summary>For one performance run, which may load a 150-node canvas or a large inbox on a slow machine.</summary>
    public static readonly TimeSpan Measurement = TimeSpan.FromSeconds(60);
}
