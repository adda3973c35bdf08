using System.Diagnostics;

namespace ModelEngine.Fit.Plugins.Tests;

/// <summary>Waits for a condition with a bound, failing with a message that names what was awaited.</summary>
internal static class Poll
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);

    public static async Task UntilAsync(Func<bool> condition, string expectation, Func<string>? describeState = null, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > limit)
            {
                Assert.Fail($"Timed out after {limit.TotalSeconds:0.#} s waiting until {expectation}. State: {describeState?.Invoke() ?? "(not described)"}");
            }

            await Task.Delay(25);
        }
    }
}
