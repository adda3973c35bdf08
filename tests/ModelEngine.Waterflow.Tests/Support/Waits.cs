namespace ModelEngine.Waterflow.Tests;

/// <summary>Bounded waits for tests: every wait has a timeout and a message naming what was expected.</summary>
internal static class Waits
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>Polls <paramref name="condition"/> until it holds, failing with <paramref name="phase"/> after the timeout.</summary>
    public static async Task UntilAsync(Func<bool> condition, string phase, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? Timeout);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting for: {phase}.");
            }

            await Task.Yield();
            await Task.Delay(1);
        }
    }
}
