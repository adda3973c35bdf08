namespace ModelEngine.Persistence.Tests;

/// <summary>Repeat counts for race tests: the full counts when MODELENGINE_STRESS is "full", smaller ones otherwise.</summary>
internal static class StressCounts
{
    public static bool IsFull =>
        string.Equals(Environment.GetEnvironmentVariable("MODELENGINE_STRESS"), "full", StringComparison.OrdinalIgnoreCase);

    public static int RaceRepeats => IsFull ? 100 : 20;
}
