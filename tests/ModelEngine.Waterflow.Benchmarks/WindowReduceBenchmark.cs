using System.Threading.Tasks.Dataflow;
using Akka.Streams.Dsl;
using BenchmarkDotNet.Attributes;

namespace ModelEngine.Waterflow.Benchmarks;

/// <summary>Count windows of 1,000 reduced to their sum, over 10,000,000 ints.</summary>
[Config(typeof(ShortConfig))]
public class WindowReduceBenchmark
{
    private const int Count = 10_000_000;
    private const int Window = 1_000;

    [Benchmark(OperationsPerInvoke = Count)]
    public long Loop()
    {
        long total = 0;
        long window = 0;
        for (var i = 0; i < Count; i++)
        {
            window += i;
            if ((i + 1) % Window == 0)
            {
                total += window;
                window = 0;
            }
        }

        return total + window;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Count)]
    public async Task<long> Waterflow()
    {
        long total = 0;
        var flow = Flows.Create<int>().Window(Window).Reduce(() => 0L, (sum, x) => sum + x).Close(x => total += x);
        await flow.Offer(Enumerable.Range(0, Count)).Completion;
        return total;
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public async Task<long> Dataflow()
    {
        long total = 0;
        var batch = new BatchBlock<int>(Window, new GroupingDataflowBlockOptions { BoundedCapacity = 4 * Window });
        var sum = new TransformBlock<int[], long>(items => items.Sum(x => (long)x), new ExecutionDataflowBlockOptions { BoundedCapacity = 4 });
        var sink = new ActionBlock<long>(x => total += x, new ExecutionDataflowBlockOptions { BoundedCapacity = 4 });
        var link = new DataflowLinkOptions { PropagateCompletion = true };
        batch.LinkTo(sum, link);
        sum.LinkTo(sink, link);
        for (var i = 0; i < Count; i++)
        {
            if (!batch.Post(i))
            {
                await batch.SendAsync(i);
            }
        }

        batch.Complete();
        await sink.Completion;
        return total;
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public Task<long> AkkaFused() =>
        Source.From(Enumerable.Range(0, Count))
            .Grouped(Window)
            .Select(items => items.Sum(x => (long)x))
            .RunWith(Sink.Aggregate<long, long>(0L, (total, x) => total + x), Peers.Materializer);
}
