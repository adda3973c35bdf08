using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace ModelEngine.Fel.Knowledge.Benchmarks;

/// <summary>In-process runs with median and p95 columns, so the 100,000-chunk setup is built once per benchmark case.</summary>
public sealed class KnowledgeBenchmarkConfig : ManualConfig
{
    public KnowledgeBenchmarkConfig()
    {
        Add(DefaultConfig.Instance);
        AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(20)
            .WithId("knowledge"));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(StatisticColumn.Median, StatisticColumn.P95, StatisticColumn.Max);
        HideColumns(Column.Error, Column.StdDev);
        WithOptions(ConfigOptions.DisableOptimizationsValidator);
    }
}
