namespace ModelEngine.Waterflow.Tests;

/// <summary>
/// Chooses stress sizes. The full counts run when the environment variable MODELENGINE_STRESS is "full".
/// Otherwise the reduced counts keep the default test run short enough for CI on two cores.
/// </summary>
internal static class StressCounts
{
    public static bool IsFull { get; } =
        string.Equals(Environment.GetEnvironmentVariable("MODELENGINE_STRESS"), "full", StringComparison.OrdinalIgnoreCase);

    /// <summary>Items for the memory-bound test: 10,000,000 in full runs, 1,000,000 by default.</summary>
    public static int BoundedItems => IsFull ? 10_000_000 : 1_000_000;

    /// <summary>Repeats for the loss and duplication tests: thousands in full runs, hundreds by default.</summary>
    public static int Repeats => IsFull ? 2_000 : 200;
}
