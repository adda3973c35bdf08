using BenchmarkDotNet.Running;
using ModelEngine.Fit.BusBenchmarks;

// `--percentiles` times single calls and prints p50/p99 tables; anything else goes to BenchmarkDotNet.
// Both need MODELENGINE_TEST_RABBITMQ (source .ci/rabbitmq.sh). Knobs of the percentile run: MODELENGINE_STRESS=full for
// more calls, BENCH_MIN_BYTES to run only payloads of at least that size, BENCH_CONFIRM=1 for publisher confirms,
// BENCH_CML for the worker's concurrent message limit, BENCH_LOG=1 for warnings on the console, BENCH_LATENCY_ONLY=1 to
// skip the payload table, BENCH_ALLOC_TYPES=1 for a histogram of allocations by type during the FIT calls.
if (args.Contains("--percentiles"))
{
    await PercentileRun.RunAsync(full: string.Equals(Environment.GetEnvironmentVariable("MODELENGINE_STRESS"), "full", StringComparison.OrdinalIgnoreCase));
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(BusRig).Assembly).Run(args);
