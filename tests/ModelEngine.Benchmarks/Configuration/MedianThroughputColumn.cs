using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace ModelEngine.Benchmarks.Configuration;

/// <summary>
/// Operations per second computed from the median time per operation. BenchmarkDotNet's own <c>Op/s</c> column uses
/// the mean, which one slow garbage collection can move.
/// </summary>
public sealed class MedianThroughputColumn : IColumn
{
    public string Id => nameof(MedianThroughputColumn);

    public string ColumnName => "Median op/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Statistics;

    public int PriorityInCategory => 100;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Operations per second at the median time per operation (one operation is one workflow instance)";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        var median = summary[benchmarkCase]?.ResultStatistics?.Median;
        return median is > 0
            ? (1_000_000_000d / median.Value).ToString("N0", CultureInfo.InvariantCulture)
            : "NA";
    }

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;
}
