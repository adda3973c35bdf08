using System.Diagnostics;

namespace ModelEngine.Fit.BusBenchmarks;

/// <summary>
/// Times single calls and prints p50 and p99, which BenchmarkDotNet's summaries do not give. The FIT bus and the two
/// raw RPCs take turns in blocks, so that all of them see the same broker load.
/// </summary>
internal static class PercentileRun
{
    public static async Task RunAsync(bool full)
    {
        await using var rig = await BusRig.StartAsync();
        await using var raw = await RawRpc.StartAsync(BusRig.RabbitMq);
        await using var shaped = await RawRpc.StartAsync(BusRig.RabbitMq, busShaped: true);
        var empty = BusRig.Request(ReadOnlyMemory<byte>.Empty);

        // BENCH_MIN_BYTES runs only the larger payloads, so the latency part shrinks to a short warm-up.
        var calls = full ? 20_000 : 3_000;
        if (Environment.GetEnvironmentVariable("BENCH_MIN_BYTES") is not null)
        {
            calls = 500;
        }

        var fit = new Samples(calls);
        var baseline = new Samples(calls);
        var shapedBaseline = new Samples(calls);
        await WarmAsync(() => rig.Transport.InvokeAsync(rig.Worker, empty, CancellationToken.None), () => raw.CallAsync(ReadOnlyMemory<byte>.Empty), () => shaped.CallAsync(ReadOnlyMemory<byte>.Empty));
        using var sampler = Environment.GetEnvironmentVariable("BENCH_ALLOC_TYPES") is { Length: > 0 } ? new AllocationSampler() : null;
        if (sampler is not null)
        {
            // Only the FIT calls are sampled; the baselines allocate little.
            sampler.Enabled = true;
            await TimeAsync(calls, fit, () => rig.Transport.InvokeAsync(rig.Worker, empty, CancellationToken.None));
            sampler.Enabled = false;
            sampler.Print(40);
            return;
        }

        for (var block = 0; block < calls / 500; block++)
        {
            await TimeAsync(500, fit, () => rig.Transport.InvokeAsync(rig.Worker, empty, CancellationToken.None));
            await TimeAsync(500, baseline, () => raw.CallAsync(ReadOnlyMemory<byte>.Empty));
            await TimeAsync(500, shapedBaseline, () => shaped.CallAsync(ReadOnlyMemory<byte>.Empty));
        }

        Console.WriteLine($"| Request/response, empty body | calls | p50 µs | p99 µs | mean µs | KB allocated per call | CPU µs per call |");
        Console.WriteLine($"|---|---:|---:|---:|---:|---:|---:|");
        Print("Raw RabbitMQ.Client RPC (direct reply-to)", baseline);
        Print("Raw RabbitMQ.Client RPC, bus-shaped (exchanges, response queue, acks)", shapedBaseline);
        Print("FIT over MassTransit", fit);
        Console.WriteLine();
        if (Environment.GetEnvironmentVariable("BENCH_LATENCY_ONLY") is { Length: > 0 })
        {
            return;
        }

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
            var timed = new Samples(count);
            await TimeAsync(full ? count * 3 : count, timed, () => rig.Transport.InvokeAsync(rig.Worker, request, CancellationToken.None));
            var samples = timed.Microseconds;
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

    private static async Task TimeAsync(int count, Samples samples, Func<Task> call)
    {
        // Bytes allocated by the whole process, so the worker's and the broker client's share count too.
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var processor = Process.GetCurrentProcess().TotalProcessorTime;
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await call();
            samples.Microseconds.Add(Stopwatch.GetElapsedTime(started).TotalMicroseconds);
        }

        samples.AllocatedBytes += GC.GetTotalAllocatedBytes(precise: true) - allocated;
        samples.ProcessorTime += Process.GetCurrentProcess().TotalProcessorTime - processor;
    }

    private static void Print(string name, Samples samples)
    {
        var sorted = samples.Microseconds;
        sorted.Sort();
        Console.WriteLine(
            $"| {name} | {sorted.Count} | {At(sorted, 0.50):F0} | {At(sorted, 0.99):F0} | {sorted.Average():F0} | {samples.AllocatedBytes / 1024.0 / sorted.Count:F1} | {samples.ProcessorTime.TotalMicroseconds / sorted.Count:F0} |");
    }

    private static double At(List<double> sorted, double quantile) => sorted[Math.Min(sorted.Count - 1, (int)(quantile * sorted.Count))];

    /// <summary>Call durations, and the bytes the process allocated and the CPU time it used while they ran.</summary>
    private sealed class Samples(int capacity)
    {
        public List<double> Microseconds { get; } = new(capacity);

        public long AllocatedBytes { get; set; }

        /// <summary>CPU time of the benchmark process (caller, worker and their broker clients), not of the broker.</summary>
        public TimeSpan ProcessorTime { get; set; }
    }

    private static string Size(int bytes) => bytes >= 1048576 ? $"{bytes / 1048576} MiB" : $"{bytes / 1024} KiB";
}
