using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace ModelEngine.Fel.Knowledge.Benchmarks;

/// <summary>
/// One invocation per iteration, because each ingestion run takes seconds (close to a minute on a loaded machine), and
/// an in-process timeout of 30 minutes instead of BenchmarkDotNet's default, which stopped a run after five minutes.
/// </summary>
public sealed class IngestionBenchmarkConfig : ManualConfig
{
    public IngestionBenchmarkConfig()
    {
        Add(DefaultConfig.Instance);
        AddJob(Job.Default
            .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(30), logOutput: true))
            .WithLaunchCount(1)
            .WithWarmupCount(1)
            .WithIterationCount(5)
            .WithInvocationCount(1)
            .WithUnrollFactor(1)
            .WithId("ingestion"));
        AddColumn(StatisticColumn.Median, StatisticColumn.Min, StatisticColumn.Max);
        HideColumns(Column.Error, Column.StdDev);
        WithOptions(ConfigOptions.DisableOptimizationsValidator);
    }
}
