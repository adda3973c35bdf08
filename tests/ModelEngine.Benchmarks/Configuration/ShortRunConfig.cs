using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace ModelEngine.Benchmarks.Configuration;

/// <summary>
/// A short job for a shared 2-core machine: 3 warm-up and 7 measured iterations in this process, with allocations
/// and the median throughput reported. BenchmarkDotNet chooses how many operations each iteration runs.
/// </summary>
/// <remarks>
/// The in-process toolchain runs the benchmarks in this Release build, so a run does not generate and compile a
/// second copy of the project and its engine references.
/// </remarks>
public class ShortRunConfig : ManualConfig
{
    public const int WarmupCount = 3;
    public const int IterationCount = 7;

    public ShortRunConfig()
        : this(job => job)
    {
    }

    protected ShortRunConfig(Func<Job, Job> adjustJob)
    {
        var job = Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(WarmupCount)
            .WithIterationCount(IterationCount);
        AddJob(adjustJob(job).WithId("ShortRun"));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(StatisticColumn.Median, new MedianThroughputColumn());
    }
}
