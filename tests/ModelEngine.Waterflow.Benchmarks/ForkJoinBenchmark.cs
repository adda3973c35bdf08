using System.Threading.Tasks.Dataflow;
using Akka;
using Akka.Streams;
using Akka.Streams.Dsl;
using BenchmarkDotNet.Attributes;

namespace ModelEngine.Waterflow.Benchmarks;

/// <summary>
/// Every item goes to two branches, one doing ten times the work of the other, and the two results are
/// joined per item; 200,000 items.
/// </summary>
[Config(typeof(ShortConfig))]
public class ForkJoinBenchmark
{
    private const int Count = 200_000;
    private const int FastRounds = 20;
    private const int SlowRounds = 200;

    [Benchmark(OperationsPerInvoke = Count)]
    public long Loop()
    {
        long sum = 0;
        for (var i = 0; i < Count; i++)
        {
            sum += Peers.Work(i, FastRounds) + (long)Peers.Work(i, SlowRounds);
        }

        return sum;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Count)]
    public async Task<long> Waterflow()
    {
        long sum = 0;
        var flow = Flows.Create<int>()
            .Parallel()
            .Fork(branch => branch.Map(x => Peers.Work(x, FastRounds)))
            .Fork(branch => branch.Map(x => Peers.Work(x, SlowRounds)))
            .Join(() => 0L, (acc, x) => acc + x)
            .Close(x => sum += x);
        await flow.Offer(Enumerable.Range(0, Count)).Completion;
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public async Task<long> WaterflowSlowBranchConcurrent()
    {
        long sum = 0;
        var flow = Flows.Create<int>()
            .Parallel()
            .Fork(branch => branch.Map(x => Peers.Work(x, FastRounds)))
            .Fork(branch => branch.Map(x => Peers.Work(x, SlowRounds)).Concurrency(2))
            .Join(() => 0L, (acc, x) => acc + x)
            .Close(x => sum += x);
        await flow.Offer(Enumerable.Range(0, Count)).Completion;
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public async Task<long> Dataflow()
    {
        long sum = 0;
        var bounded = new ExecutionDataflowBlockOptions { BoundedCapacity = 1024 };
        var fast = new TransformBlock<int, int>(x => Peers.Work(x, FastRounds), bounded);
        var slow = new TransformBlock<int, int>(x => Peers.Work(x, SlowRounds), bounded);
        var join = new JoinBlock<int, int>(new GroupingDataflowBlockOptions { BoundedCapacity = 1024 });
        var sink = new ActionBlock<Tuple<int, int>>(pair => sum += pair.Item1 + (long)pair.Item2, bounded);
        var link = new DataflowLinkOptions { PropagateCompletion = true };
        fast.LinkTo(join.Target1, link);
        slow.LinkTo(join.Target2, link);
        join.LinkTo(sink, link);
        for (var i = 0; i < Count; i++)
        {
            // Dataflow's BroadcastBlock drops items when a bounded target is full, so the producer sends to both.
            await fast.SendAsync(i);
            await slow.SendAsync(i);
        }

        fast.Complete();
        slow.Complete();
        await sink.Completion;
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public Task<long> AkkaFused()
    {
        var graph = GraphDsl.Create(builder =>
        {
            var broadcast = builder.Add(new Broadcast<int>(2));
            var zip = builder.Add(new Zip<int, int>());
            builder.From(broadcast.Out(0)).Via(Flow.Create<int>().Select(x => Peers.Work(x, FastRounds))).To(zip.In0);
            builder.From(broadcast.Out(1)).Via(Flow.Create<int>().Select(x => Peers.Work(x, SlowRounds))).To(zip.In1);
            return new FlowShape<int, (int, int)>(broadcast.In, zip.Out);
        });
        return Source.From(Enumerable.Range(0, Count))
            .Via(graph)
            .RunWith(Sink.Aggregate<(int, int), long>(0L, (sum, pair) => sum + pair.Item1 + pair.Item2), Peers.Materializer);
    }
}
