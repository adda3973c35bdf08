namespace ModelEngine.Server.Tests.Infrastructure;

/// <summary>Counts for load and race tests: the full counts when MODELENGINE_STRESS is "full", smaller ones otherwise.</summary>
public static class StressCounts
{
    public static bool IsFull =>
        string.Equals(Environment.GetEnvironmentVariable("MODELENGINE_STRESS"), "full", StringComparison.OrdinalIgnoreCase);

    /// <summary>How many timers fall due in the same second in the timer load tests.</summary>
    public static int SimultaneousTimers => IsFull ? 2_000 : 200;

    /// <summary>How many instances each run a race against the real server.</summary>
    public static int ServerRaceRuns => IsFull ? 100 : 10;

    /// <summary>How many times each race test repeats.</summary>
    public static int RaceRepeats => IsFull ? 100 : 10;

    /// <summary>How many tasks the cursor paging test pages through while others claim and create tasks.</summary>
    public static int PagedTasks => IsFull ? 10_000 : 1_000;
}
