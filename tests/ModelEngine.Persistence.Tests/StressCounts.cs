namespace ModelEngine.Persistence.Tests;

/// <summary>Repeat counts for race tests and batch sizes: the full counts when MODELENGINE_STRESS is "full", smaller ones otherwise.</summary>
internal static class StressCounts
{
    public static bool IsFull =>
        string.Equals(Environment.GetEnvironmentVariable("MODELENGINE_STRESS"), "full", StringComparison.OrdinalIgnoreCase);

    public static int RaceRepeats => IsFull ? 100 : 20;

    /// <summary>The chunks of the large knowledge chunk batch: 10,000 in full runs.</summary>
    public static int KnowledgeBatchChunks => IsFull ? 10_000 : 2_000;
}
