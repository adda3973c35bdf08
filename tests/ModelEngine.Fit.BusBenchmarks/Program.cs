using BenchmarkDotNet.Running;
using ModelEngine.Fit.BusBenchmarks;

// `--percentiles` times single calls and prints p50/p99 tables; anything else goes to BenchmarkDotNet.
// Both need MODELENGINE_TEST_RABBITMQ (source .ci/rabbitmq.sh).
if (args.Contains("--percentiles"))
{
    await PercentileRun.RunAsync(full: string.Equals(Environment.GetEnvironmentVariable("MODELENGINE_STRESS"), "full", StringComparison.OrdinalIgnoreCase));
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(BusRig).Assembly).Run(args);
