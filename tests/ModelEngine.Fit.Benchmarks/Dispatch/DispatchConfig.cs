using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace ModelEngine.Fit.Benchmarks.Dispatch;

/// <summary>A nanosecond-scale job: in process, three warm-ups and ten measured iterations, with allocations shown.</summary>
public sealed class DispatchConfig : ManualConfig
{
    public DispatchConfig()
    {
        Add(DefaultConfig.Instance);
        AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(10)
            .WithId("dispatch"));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(StatisticColumn.Median, StatisticColumn.Min, StatisticColumn.Max);
        HideColumns(Column.Error, Column.StdDev);
        WithOptions(ConfigOptions.DisableOptimizationsValidator);
    }
}
