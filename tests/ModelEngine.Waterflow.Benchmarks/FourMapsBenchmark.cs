using System.Threading.Channels;
using System.Threading.Tasks.Dataflow;
using Akka.Streams.Dsl;
using BenchmarkDotNet.Attributes;

namespace ModelEngine.Waterflow.Benchmarks;

/// <summary>Four 1→1 maps over 10,000,000 ints with a summing sink, against a loop and the .NET peers.</summary>
[Config(typeof(ShortConfig))]
public class FourMapsBenchmark
{
    private const int Count = 10_000_000;
    private const int Capacity = 1024;

    private static readonly Func<int, int> s_first = x => x + 1;
    private static readonly Func<int, int> s_second = x => x * 2;
    private static readonly Func<int, int> s_third = x => x - 1;
    private static readonly Func<int, int> s_fourth = x => x ^ 3;

    [Benchmark(OperationsPerInvoke = Count)]
    public long Loop()
    {
        long sum = 0;
        for (var i = 0; i < Count; i++)
        {
            sum += (((i + 1) * 2) - 1) ^ 3;
        }

        return sum;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Count)]
    public async Task<long> Waterflow()
    {
        long sum = 0;
        var flow = Flows.Create<int>()
            .Map(s_first).Map(s_second).Map(s_third).Map(s_fourth)
            .Close(x => sum += x);
        await flow.Offer(Enumerable.Range(0, Count)).Completion;
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public async Task<long> Dataflow()
    {
        long sum = 0;
        var options = new ExecutionDataflowBlockOptions { BoundedCapacity = Capacity };
        var link = new DataflowLinkOptions { PropagateCompletion = true };
        var first = new TransformBlock<int, int>(s_first, options);
        var second = new TransformBlock<int, int>(s_second, options);
        var third = new TransformBlock<int, int>(s_third, options);
        var fourth = new TransformBlock<int, int>(s_fourth, options);
        var sink = new ActionBlock<int>(x => sum += x, options);
        first.LinkTo(second, link);
        second.LinkTo(third, link);
        third.LinkTo(fourth, link);
        fourth.LinkTo(sink, link);
        for (var i = 0; i < Count; i++)
        {
            if (!first.Post(i))
            {
                await first.SendAsync(i);
            }
        }

        first.Complete();
        await sink.Completion;
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public Task<long> AkkaFused() =>
        Source.From(Enumerable.Range(0, Count))
            .Select(s_first).Select(s_second).Select(s_third).Select(s_fourth)
            .RunWith(Sink.Aggregate<int, long>(0L, (sum, x) => sum + x), Peers.Materializer);

    [Benchmark(OperationsPerInvoke = Count)]
    public Task<long> AkkaAsync() =>
        Source.From(Enumerable.Range(0, Count))
            .Select(s_first).Async().Select(s_second).Async().Select(s_third).Async().Select(s_fourth).Async()
            .RunWith(Sink.Aggregate<int, long>(0L, (sum, x) => sum + x), Peers.Materializer);

    [Benchmark(OperationsPerInvoke = Count)]
    public async Task<long> Channels()
    {
        var channels = Enumerable.Range(0, 5)
            .Select(_ => Channel.CreateBounded<int>(new BoundedChannelOptions(Capacity) { SingleReader = true, SingleWriter = true }))
            .ToArray();
        var stages = new[]
        {
            RunStageAsync(channels[0].Reader, channels[1].Writer, s_first),
            RunStageAsync(channels[1].Reader, channels[2].Writer, s_second),
            RunStageAsync(channels[2].Reader, channels[3].Writer, s_third),
            RunStageAsync(channels[3].Reader, channels[4].Writer, s_fourth),
        };
        var sink = Task.Run(async () =>
        {
            long sum = 0;
            var reader = channels[4].Reader;
            while (await reader.WaitToReadAsync())
            {
                while (reader.TryRead(out var x))
                {
                    sum += x;
                }
            }

            return sum;
        });
        var writer = channels[0].Writer;
        for (var i = 0; i < Count; i++)
        {
            if (!writer.TryWrite(i))
            {
                await writer.WriteAsync(i);
            }
        }

        writer.Complete();
        await Task.WhenAll(stages);
        return await sink;
    }

    private static Task RunStageAsync(ChannelReader<int> reader, ChannelWriter<int> writer, Func<int, int> map) => Task.Run(async () =>
    {
        while (await reader.WaitToReadAsync())
        {
            while (reader.TryRead(out var x))
            {
                var y = map(x);
                if (!writer.TryWrite(y))
                {
                    await writer.WriteAsync(y);
                }
            }
        }

        writer.Complete();
    });
}
