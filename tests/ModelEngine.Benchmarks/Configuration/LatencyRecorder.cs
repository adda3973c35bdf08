using System.Collections.Concurrent;
using System.Diagnostics;

namespace ModelEngine.Benchmarks.Configuration;

/// <summary>
/// Per-operation latencies that a benchmark records itself, kept per iteration, so that <see cref="P95LatencyColumn"/>
/// can report the 95th percentile over the measured iterations. BenchmarkDotNet's own statistics describe iteration
/// means, which hide the slow operations that a percentile is meant to show.
/// </summary>
/// <remarks>
/// The benchmarks run in this process (see <see cref="ShortRunConfig"/>), so the column reads what the benchmark
/// methods recorded. A benchmark calls <see cref="EndIteration"/> from its <c>[IterationCleanup]</c>.
/// </remarks>
public static class LatencyRecorder
{
    private static readonly ConcurrentDictionary<string, ConcurrentQueue<double>> s_current = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, List<double[]>> s_iterations = new(StringComparer.Ordinal);

    /// <summary>Runs one operation and records its duration in milliseconds under <paramref name="key"/>.</summary>
    public static async Task MeasureAsync(string key, Func<Task> operation)
    {
        var started = Stopwatch.GetTimestamp();
        await operation();
        var elapsed = Stopwatch.GetElapsedTime(started);
        s_current.GetOrAdd(key, _ => new ConcurrentQueue<double>()).Enqueue(elapsed.TotalMilliseconds);
    }

    /// <summary>Closes the current iteration of <paramref name="key"/> and keeps its samples.</summary>
    public static void EndIteration(string key)
    {
        if (!s_current.TryRemove(key, out var samples) || samples.IsEmpty)
        {
            return;
        }

        var iterations = s_iterations.GetOrAdd(key, _ => []);
        lock (iterations)
        {
            iterations.Add(samples.ToArray());
        }
    }

    /// <summary>
    /// Returns the 95th percentile, in milliseconds, over the last <paramref name="iterationCount"/> iterations of
    /// <paramref name="key"/>, or <see langword="null"/> when nothing was recorded. Warm-up iterations come first, so
    /// taking the last ones keeps the measured iterations.
    /// </summary>
    public static double? P95(string key, int iterationCount)
    {
        if (!s_iterations.TryGetValue(key, out var iterations))
        {
            return null;
        }

        double[] samples;
        lock (iterations)
        {
            samples = iterations.TakeLast(iterationCount).SelectMany(iteration => iteration).ToArray();
        }

        if (samples.Length == 0)
        {
            return null;
        }

        Array.Sort(samples);
        var rank = (int)Math.Ceiling(0.95 * samples.Length) - 1;
        return samples[Math.Clamp(rank, 0, samples.Length - 1)];
    }

    /// <summary>Builds the key of a benchmark case from its method name and parameter values.</summary>
    public static string Key(string method, params object[] parameters) =>
        parameters.Length == 0 ? method : $"{method}/{string.Join(",", parameters)}";
}
