using System.Diagnostics;

namespace ModelEngine.Fel.Knowledge.Tests;

internal static class Poll
{
    /// <summary>Waits until <paramref name="condition"/> holds, checking every 10 ms, and fails after <paramref name="timeout"/>.</summary>
    public static async Task UntilAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var started = Stopwatch.GetTimestamp();
        while (!condition())
        {
            if (Stopwatch.GetElapsedTime(started) > timeout)
            {
                Assert.Fail($"Timed out after {timeout.TotalSeconds} s waiting for {what}.");
            }

            await Task.Delay(10);
        }
    }

    /// <summary>Waits until <paramref name="read"/> returns the same value for <paramref name="quiet"/>, or <paramref name="timeout"/> passes.</summary>
    public static async Task<T> UntilStableAsync<T>(Func<T> read, TimeSpan quiet, TimeSpan timeout)
    {
        var started = Stopwatch.GetTimestamp();
        var value = read();
        var since = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < timeout && Stopwatch.GetElapsedTime(since) < quiet)
        {
            await Task.Delay(10);
            var next = read();
            if (!EqualityComparer<T>.Default.Equals(next, value))
            {
                value = next;
                since = Stopwatch.GetTimestamp();
            }
        }

        return value;
    }
}
