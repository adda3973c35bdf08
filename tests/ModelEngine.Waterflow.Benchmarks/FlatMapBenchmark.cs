using System.Threading.Tasks.Dataflow;
using Akka.Streams.Dsl;
using BenchmarkDotNet.Attributes;

namespace ModelEngine.Waterflow.Benchmarks;

/// <summary>FlatMap 1→100: 100,000 inputs expand to 10,000,000 outputs that a sink sums.</summary>
[Config(typeof(ShortConfig))]
public class FlatMapBenchmark
{
    private const int Inputs = 100_000;
    private const int Fanout = 100;
    private const int Outputs = Inputs * Fanout;

    private static readonly Func<int, IEnumerable<int>> s_expand = x =>
    {
        var outputs = new int[Fanout];
        for (var i = 0; i < outputs.Length; i++)
        {
            outputs[i] = x + i;
        }

        return outputs;
    };

    [Benchmark(OperationsPerInvoke = Outputs)]
    public long Loop()
    {
        long sum = 0;
        for (var i = 0; i < Inputs; i++)
        {
            foreach (var x in s_expand(i))
            {
                sum += x;
            }
        }

        return sum;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Outputs)]
    public async Task<long> Waterflow()
    {
        long sum = 0;
        var flow = Flows.Create<int>().FlatMap(s_expand).Close(x => sum += x);
        await flow.Offer(Enumerable.Range(0, Inputs)).Completion;
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Outputs)]
    public async Task<long> Dataflow()
    {
        long sum = 0;
        var options = new ExecutionDataflowBlockOptions { BoundedCapacity = 1024 };
        var expand = new TransformManyBlock<int, int>(s_expand, options);
        var sink = new ActionBlock<int>(x => sum += x, options);
        expand.LinkTo(sink, new DataflowLinkOptions { PropagateCompletion = true });
        for (var i = 0; i < Inputs; i++)
        {
            await expand.SendAsync(i);
        }

        expand.Complete();
        await sink.Completion;
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Outputs)]
    public Task<long> AkkaFused() =>
        Source.From(Enumerable.Range(0, Inputs))
            .SelectMany(s_expand)
            .RunWith(Sink.Aggregate<int, long>(0L, (sum, x) => sum + x), Peers.Materializer);
}
