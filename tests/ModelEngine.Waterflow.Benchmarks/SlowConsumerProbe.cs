using System.Diagnostics;
using System.Threading.Channels;
using System.Threading.Tasks.Dataflow;
using Akka.Streams.Dsl;

namespace ModelEngine.Waterflow.Benchmarks;

/// <summary>
/// Measures what BenchmarkDotNet cannot, for a producer much faster than its consumer. It reports the peak
/// number of items in flight (accepted by the pipeline, not yet consumed), the peak growth of the managed
/// heap, and the time the producer spent waiting for room. Run with <c>dotnet run -c Release -- slow-consumer</c>.
/// </summary>
internal static class SlowConsumerProbe
{
    public const int Count = 200_000;
    public const int Capacity = 1024;
    public const int ConsumerRounds = 2_000;

    public static async Task RunAsync()
    {
        Console.WriteLine($"Slow consumer: {Count:N0} ints, consumer does {ConsumerRounds} rounds of work per item, capacity or window {Capacity}.");
        Console.WriteLine("| Pipeline | Peak in flight | Peak heap growth (KiB) | Producer stall (ms) | Total (ms) |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var (name, run) in new (string, Func<Probe, Task>)[]
        {
            ("Waterflow (window 1024, Map + sink stage)", WaterflowAsync),
            ("Channels (bounded 1024)", ChannelsAsync),
            ("TPL Dataflow (BoundedCapacity 1024)", DataflowAsync),
            ("Akka.Streams (Async boundary)", AkkaAsync),
        })
        {
            await run(new Probe()); // warm-up
            var probe = new Probe();
            var total = Stopwatch.StartNew();
            await run(probe);
            total.Stop();
            var stall = probe.StallTicks < 0 ? "n/a" : $"{probe.StallTicks * 1000.0 / Stopwatch.Frequency:F0}";
            Console.WriteLine($"| {name} | {probe.PeakInFlight:N0} | {probe.PeakHeapGrowth / 1024:N0} | {stall} | {total.ElapsedMilliseconds:N0} |");
        }
    }

    /// <summary>Runs one pipeline once, for the BenchmarkDotNet timing.</summary>
    public static Task RunOneAsync(string name) => name switch
    {
        "Waterflow" => WaterflowAsync(new Probe()),
        "Channels" => ChannelsAsync(new Probe()),
        "Dataflow" => DataflowAsync(new Probe()),
        _ => AkkaAsync(new Probe()),
    };

    private static async Task WaterflowAsync(Probe probe)
    {
        var flow = Flows.Create<int>(new FlowOptions { CreditWindow = Capacity })
            .Map(x => x).Id("produced")
            .Close(x => probe.Consume(x));
        for (var i = 0; i < Count; i++)
        {
            if (!flow.TryOffer(i))
            {
                var started = Stopwatch.GetTimestamp();
                await flow.OfferAsync(i);
                probe.StallTicks += Stopwatch.GetTimestamp() - started;
            }

            probe.Produced();
        }

        flow.Finish();
        await flow.Completion;
    }

    private static async Task ChannelsAsync(Probe probe)
    {
        var channel = Channel.CreateBounded<int>(new BoundedChannelOptions(Capacity) { SingleReader = true, SingleWriter = true });
        var consumer = Task.Run(async () =>
        {
            while (await channel.Reader.WaitToReadAsync())
            {
                while (channel.Reader.TryRead(out var x))
                {
                    probe.Consume(x);
                }
            }
        });
        for (var i = 0; i < Count; i++)
        {
            if (!channel.Writer.TryWrite(i))
            {
                var started = Stopwatch.GetTimestamp();
                await channel.Writer.WriteAsync(i);
                probe.StallTicks += Stopwatch.GetTimestamp() - started;
            }

            probe.Produced();
        }

        channel.Writer.Complete();
        await consumer;
    }

    private static async Task DataflowAsync(Probe probe)
    {
        var block = new ActionBlock<int>(probe.Consume, new ExecutionDataflowBlockOptions { BoundedCapacity = Capacity });
        for (var i = 0; i < Count; i++)
        {
            if (!block.Post(i))
            {
                var started = Stopwatch.GetTimestamp();
                await block.SendAsync(i);
                probe.StallTicks += Stopwatch.GetTimestamp() - started;
            }

            probe.Produced();
        }

        block.Complete();
        await block.Completion;
    }

    private static Task AkkaAsync(Probe probe)
    {
        // Akka pulls from the source, so the producer never waits in a call it makes, and stall time does not apply.
        probe.StallTicks = -1;
        return Source.From(Produce(probe)).Async()
            .RunWith(Sink.ForEach<int>(probe.Consume), Peers.Materializer);
    }

    private static IEnumerable<int> Produce(Probe probe)
    {
        for (var i = 0; i < Count; i++)
        {
            probe.Produced();
            yield return i;
        }
    }

    /// <summary>Counts produced and consumed items and samples the heap from the consumer.</summary>
    internal sealed class Probe
    {
        private readonly long _baseline = GC.GetTotalMemory(forceFullCollection: true);
        private long _produced;
        private long _consumed;

        public long PeakInFlight { get; private set; }

        public long PeakHeapGrowth { get; private set; }

        public long StallTicks { get; set; }

        public void Produced()
        {
            var inFlight = Interlocked.Increment(ref _produced) - Volatile.Read(ref _consumed);
            if (inFlight > PeakInFlight)
            {
                PeakInFlight = inFlight;
            }
        }

        public void Consume(int x)
        {
            Peers.Work(x, ConsumerRounds);
            if (Interlocked.Increment(ref _consumed) % 1_000 == 0)
            {
                var growth = GC.GetTotalMemory(forceFullCollection: false) - _baseline;
                if (growth > PeakHeapGrowth)
                {
                    PeakHeapGrowth = growth;
                }
            }
        }
    }
}
