using System.Diagnostics;

namespace ModelEngine.Fit.Workflows.Tests.Support;

/// <summary>Polls a condition with a bounded wait, instead of sleeping a fixed time.</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string description, TimeSpan? timeout = null)
    {
        var limit = timeout ?? OperatorEngine.Timeout;
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < limit, $"Timed out after {limit} waiting until {description}.");
            await Task.Delay(5);
        }
    }
}
