namespace ModelEngine.Fel.Tests;

/// <summary>Bounded waits for tests: every wait has a timeout and a message naming what was expected.</summary>
internal static class Waits
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>Polls <paramref name="condition"/> until it holds, failing with <paramref name="phase"/> after the timeout.</summary>
    public static async Task UntilAsync(Func<bool> condition, string phase)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting for: {phase}.");
            }

            await Task.Delay(1);
        }
    }
}
