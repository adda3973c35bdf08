namespace ModelEngine.Server.Tests.Infrastructure;

/// <summary>Upper bounds for awaits and polls, generous enough for a loaded 2-core machine.</summary>
public static class Timeouts
{
    public static readonly TimeSpan Request = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan Poll = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan ProcessStart = TimeSpan.FromSeconds(60);
}
