using System.Diagnostics;

namespace ModelEngine.Fit.BusBenchmarks;

/// <summary>
/// Times single calls and prints p50 and p99, which BenchmarkDotNet's summaries do not give. The FIT bus and the raw
/// RPC take turns in blocks, so that both see the same broker load.
/// </summary>
internal static class PercentileRun
{
    public static async Task RunAsync(bool full)
    {
        await using var rig = await BusRig.StartAsync();
        await using var raw = await RawRpc.StartAsync(BusRig.RabbitMq);
        var empty = BusRig.Request(ReadOnlyMemory<byte>.Empty);

        // BENCH_MIN_BYTES runs only the larger payloads, so the latency part shrinks to a short warm-up.
        var calls = full ? 20_000 : 3_000;
        if (Environment.GetEnvironmentVariable("BENCH_MIN_BYTES") is not null)
        {
            calls = 500;
        }

        var fit = new List<double>(calls);
        var baseline = new List<double>(calls);
        await WarmAsync(() => rig.Transport.InvokeAsync(rig.Worker, empty, CancellationToken.None), () => raw.CallAsync(ReadOnlyMemory<byte>.Empty));
        for (var block = 0; block < calls / 500; block++)
        {
            await TimeAsync(500, fit, () => rig.Transport.InvokeAsync(rig.Worker, empty, CancellationToken.None));
            await TimeAsync(500, baseline, () => raw.CallAsync(ReadOnlyMemory<byte>.Empty));
        }

        Console.WriteLine($"| Request/response, empty body | calls | p50 µs | p99 µs | mean µs |");
        Console.WriteLine($"|---|---:|---:|---:|---:|");
        Print("Raw RabbitMQ.Client RPC (direct reply-to)", baseline);
        Print("FIT over MassTransit", fit);
        Console.WriteLine();

        Console.WriteLine($"| Payload by MassTransit body | calls | p50 ms | p99 ms | MiB/s at p50 |");
        Console.WriteLine($"|---|---:|---:|---:|---:|");
        foreach (var (size, count) in new[] { (1024, 500), (64 * 1024, 300), (1024 * 1024, 60), (16 * 1024 * 1024, 12), (64 * 1024 * 1024, 6) })
        {
            if (Environment.GetEnvironmentVariable("BENCH_MIN_BYTES") is { } min && size < int.Parse(min, System.Globalization.CultureInfo.InvariantCulture))
            {
                continue;
            }

            var payload = new byte[size];
            Random.Shared.NextBytes(payload);
            var request = BusRig.Request(payload);
            await rig.Transport.InvokeAsync(rig.Worker, request, CancellationToken.None);
            var samples = new List<double>(count);
            await TimeAsync(full ? count * 3 : count, samples, () => rig.Transport.InvokeAsync(rig.Worker, request, CancellationToken.None));
            samples.Sort();
            var p50 = At(samples, 0.50) / 1000;
            Console.WriteLine($"| {Size(size)} | {samples.Count} | {p50:F2} | {At(samples, 0.99) / 1000:F2} | {size / 1048576.0 / (p50 / 1000):F0} |");
        }
    }

    private static async Task WarmAsync(params Func<Task>[] calls)
    {
        foreach (var call in calls)
        {
            for (var i = 0; i < 300; i++)
            {
                await call();
            }
        }
    }

    private static async Task TimeAsync(int count, List<double> microseconds, Func<Task> call)
    {
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await call();
            microseconds.Add(Stopwatch.GetElapsedTime(started).TotalMicroseconds);
        }
    }

    private static void Print(string name, List<double> samples)
    {
        samples.Sort();
        Console.WriteLine($"| {name} | {samples.Count} | {At(samples, 0.50):F0} | {At(samples, 0.99):F0} | {samples.Average():F0} |");
    }

    private static double At(List<double> sorted, double quantile) => sorted[Math.Min(sorted.Count - 1, (int)(quantile * sorted.Count))];

    private static string Size(int bytes) => bytes >= 1048576 ? $"{bytes / 1048576} MiB" : $"{bytes / 1024} KiB";
}
