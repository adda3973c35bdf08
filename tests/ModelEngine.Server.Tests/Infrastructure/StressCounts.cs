namespace ModelEngine.Server.Tests.Infrastructure;

/// <summary>Repeat counts of race tests: full counts with <c>MODELENGINE_STRESS=full</c>, reduced ones by default.</summary>
public static class StressCounts
{
    public static bool IsFull =>
        string.Equals(Environment.GetEnvironmentVariable("MODELENGINE_STRESS"), "full", StringComparison.OrdinalIgnoreCase);

    public static int RaceRepeats => IsFull ? 100 : 10;
}
