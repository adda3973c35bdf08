using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;

namespace ModelEngine.Studio.EndToEndTests.Performance;

/// <summary>
/// Times repeated runs of a browser step and reports them: every sample, the median and the 95th percentile
/// (nearest rank), written to the test output and appended to <c>studio-performance.txt</c> in the test output folder.
/// The figures are recorded, never asserted.
/// </summary>
public static class Measurements
{
    public static string ResultsPath => Path.Combine(AppContext.BaseDirectory, "studio-performance.txt");

    /// <summary>Runs <paramref name="prepare"/> untimed and then <paramref name="measure"/> timed, <paramref name="runs"/> times.</summary>
    public static async Task<IReadOnlyList<double>> MeasureAsync(int runs, Func<Task> prepare, Func<Task> measure)
    {
        var samples = new List<double>(runs);
        for (var run = 0; run < runs; run++)
        {
            await prepare();
            var watch = Stopwatch.StartNew();
            await measure();
            samples.Add(watch.Elapsed.TotalMilliseconds);
        }

        return samples;
    }

    public static void Report(ITestOutputHelper output, string name, IReadOnlyList<double> samples)
    {
        var sorted = samples.Order().ToList();
        var median = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
        var p95 = sorted[Math.Max(0, (int)Math.Ceiling(0.95 * sorted.Count) - 1)];
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{DateTimeOffset.UtcNow:u} {name}: median {median:F0} ms, p95 {p95:F0} ms, runs {string.Join(" ", samples.Select(sample => sample.ToString("F0", CultureInfo.InvariantCulture)))} ms, {Environment.ProcessorCount} cores");
        output.WriteLine(line);
        File.AppendAllLines(ResultsPath, [line]);
        output.WriteLine($"Appended to {ResultsPath}.");
    }
}
