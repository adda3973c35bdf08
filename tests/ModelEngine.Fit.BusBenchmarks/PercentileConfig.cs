using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;

namespace ModelEngine.Fit.BusBenchmarks;

/// <summary>Adds the p50 and p99 columns the benchmark notes report.</summary>
public sealed class PercentileConfig : ManualConfig
{
    public PercentileConfig()
    {
        // BenchmarkDotNet has no p99 column; `--percentiles` (PercentileRun) prints p50 and p99 from single calls.
        AddColumn(StatisticColumn.P50, StatisticColumn.P95, StatisticColumn.Max);
    }
}
