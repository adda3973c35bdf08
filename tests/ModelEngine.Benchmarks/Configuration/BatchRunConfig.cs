using BenchmarkDotNet.Jobs;

namespace ModelEngine.Benchmarks.Configuration;

/// <summary>
/// The short job for benchmarks that run a whole batch of instances in one invocation: one invocation per
/// iteration, so that an iteration setup can give every batch fresh stores.
/// </summary>
public sealed class BatchRunConfig : ShortRunConfig
{
    public BatchRunConfig()
        : base(job => job.WithInvocationCount(1).WithUnrollFactor(1))
    {
    }
}
