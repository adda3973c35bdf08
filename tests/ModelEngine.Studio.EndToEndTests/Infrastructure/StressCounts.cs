namespace ModelEngine.Studio.EndToEndTests.Infrastructure;

/// <summary>Counts for the performance runs: the full counts when MODELENGINE_STRESS is "full", smaller ones otherwise.</summary>
public static class StressCounts
{
    public static bool IsFull =>
        string.Equals(Environment.GetEnvironmentVariable("MODELENGINE_STRESS"), "full", StringComparison.OrdinalIgnoreCase);

    /// <summary>How many open tasks of the managers group the inbox measurement seeds.</summary>
    public static int InboxTasks => IsFull ? 10_000 : 2_000;
}
