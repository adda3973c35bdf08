using BenchmarkDotNet.Attributes;

namespace ModelEngine.Waterflow.Benchmarks;

/// <summary>
/// The slow-consumer pipelines of <see cref="SlowConsumerProbe"/>, timed by BenchmarkDotNet. Total time is set
/// by the consumer; the probe reports the peak in flight, heap growth and producer stall time.
/// </summary>
[Config(typeof(ShortConfig))]
public class SlowConsumerBenchmark
{
    [Benchmark(Baseline = true)]
    public Task Waterflow() => Run("Waterflow");

    [Benchmark]
    public Task Channels() => Run("Channels");

    [Benchmark]
    public Task Dataflow() => Run("Dataflow");

    [Benchmark]
    public Task AkkaAsync() => Run("Akka");

    private static Task Run(string name) => SlowConsumerProbe.RunOneAsync(name);
}
