using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace ModelEngine.Benchmarks.Configuration;

/// <summary>The 95th percentile of the per-operation latencies a benchmark recorded through <see cref="LatencyRecorder"/>.</summary>
public sealed class P95LatencyColumn : IColumn
{
    public string Id => nameof(P95LatencyColumn);

    public string ColumnName => "P95 latency";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Statistics;

    public int PriorityInCategory => 101;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "95th percentile of single-operation latency over the measured iterations, in milliseconds (NA when the benchmark records none)";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        var parameters = benchmarkCase.Parameters.Items.Select(item => item.Value ?? "null").ToArray();
        var key = LatencyRecorder.Key(benchmarkCase.Descriptor.WorkloadMethod.Name, parameters);
        return LatencyRecorder.P95(key, ShortRunConfig.IterationCount) is { } p95
            ? p95.ToString("N2", CultureInfo.InvariantCulture) + " ms"
            : "NA";
    }

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;
}
