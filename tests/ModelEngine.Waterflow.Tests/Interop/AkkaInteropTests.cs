using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;

namespace ModelEngine.Waterflow.Tests;

/// <summary>One Akka actor system shared by the interop tests of a class.</summary>
public sealed class AkkaFixture : IDisposable
{
    public AkkaFixture()
    {
        System = ActorSystem.Create("waterflow-interop", "akka.loglevel = WARNING\nakka.stdout-loglevel = WARNING");
        Materializer = System.Materializer();
    }

    public ActorSystem System { get; }

    public IMaterializer Materializer { get; }

    public void Dispose()
    {
        System.Terminate().Wait(Waits.Timeout);
    }
}

/// <summary>
/// Akka.Streams connected to Waterflow both ways, with backpressure across the boundary, and the processor
/// rules (4.x) for a flow that is both a subscriber and a publisher.
/// </summary>
public sealed class AkkaInteropTests : IClassFixture<AkkaFixture>
{
    private readonly AkkaFixture _akka;

    public AkkaInteropTests(AkkaFixture akka)
    {
        _akka = akka;
    }

    [Fact]
    public async Task AkkaSource_FeedsFlow_AllItemsArrive()
    {
        long sum = 0;
        var flow = Flows.Create<int>().Map(x => (long)x).Close(x => Interlocked.Add(ref sum, x));

        Source.From(Enumerable.Range(1, 100_000)).RunWith(Sink.FromSubscriber(flow.AsSubscriber()), _akka.Materializer);

        await flow.Completion.WaitAsync(Waits.Timeout);
        Assert.Equal(100_000L * 100_001 / 2, sum);
    }

    [Fact]
    public async Task Flow_FeedsAkkaSink_InOrder()
    {
        var flow = Flows.Create<int>().Map(x => x * 2).ToPublisher();
        var collected = Source.FromPublisher(flow).RunWith(Sink.Seq<int>(), _akka.Materializer);

        flow.Offer(Enumerable.Range(0, 10_000));
        flow.Finish();

        var items = await collected.WaitAsync(Waits.Timeout);
        Assert.Equal(Enumerable.Range(0, 10_000).Select(x => x * 2), items);
    }

    [Fact]
    public async Task AkkaSource_SlowFlow_Backpressured()
    {
        const int window = 16;
        using var gate = new ManualResetEventSlim();
        var pulled = 0;
        var received = 0;
        var flow = Flows.Create<int>(new FlowOptions { CreditWindow = window }).Close(_ =>
        {
            gate.Wait(Waits.Timeout);
            Interlocked.Increment(ref received);
        });

        Source.From(Counting(100_000, () => Interlocked.Increment(ref pulled)))
            .RunWith(Sink.FromSubscriber(flow.AsSubscriber()), _akka.Materializer);
        var last = -1;
        var unchangedPolls = 0;
        await Waits.UntilAsync(
            () =>
            {
                // Settled once Akka delivered a full window and then pulled nothing for a few hundred polls.
                var now = Volatile.Read(ref pulled);
                unchangedPolls = now == last ? unchangedPolls + 1 : 0;
                last = now;
                return now >= window && unchangedPolls >= 300;
            },
            "Akka to stop pulling while the flow is blocked");
        var pulledWhileBlocked = Volatile.Read(ref pulled);
        gate.Set();
        await flow.Completion.WaitAsync(Waits.Timeout);

        // The flow requested at most one window; Akka's source and subscriber stages may each buffer up to 16 more.
        Assert.InRange(pulledWhileBlocked, window, window + 2 * 16 + 1);
        Assert.Equal(100_000, received);
    }

    [Fact]
    public async Task AkkaSink_NoDemand_StopsFlowProducer()
    {
        const int window = 8;
        var flow = Flows.Create<int>(new FlowOptions { CreditWindow = window, OutputWindow = window }).Map(x => x).ToPublisher();
        var queue = Source.FromPublisher(flow).RunWith(Sink.Queue<int>(), _akka.Materializer);

        var accepted = 0;
        var unchangedPolls = 0;
        await Waits.UntilAsync(
            () =>
            {
                var before = accepted;
                while (flow.TryOffer(accepted))
                {
                    accepted++;
                }

                // Settled once a few hundred polls in a row found no credit.
                unchangedPolls = accepted == before ? unchangedPolls + 1 : 0;
                return unchangedPolls >= 300;
            },
            "the flow to stop accepting items");
        var acceptedWhileBlocked = accepted;
        var pulled = new List<int>();
        while (pulled.Count < acceptedWhileBlocked)
        {
            var next = await queue.PullAsync().WaitAsync(Waits.Timeout);
            pulled.Add(next.Value);
        }

        // Input and output windows of the flow plus the default buffers of Akka's publisher source and queue sink.
        Assert.InRange(acceptedWhileBlocked, window, 2 * window + 2 * 16 + 1);
        Assert.Equal(Enumerable.Range(0, acceptedWhileBlocked), pulled);
    }

    [Fact]
    public async Task Rule4_1_FlowAsProcessor_PassesItemsInOrder()
    {
        var flow = Flows.Create<int>().Map(x => x + 1).ToPublisher();
        var collected = Source.FromPublisher(flow).RunWith(Sink.Seq<int>(), _akka.Materializer);

        Source.From(Enumerable.Range(0, 5_000)).RunWith(Sink.FromSubscriber(flow.AsSubscriber()), _akka.Materializer);

        var items = await collected.WaitAsync(Waits.Timeout);
        Assert.Equal(Enumerable.Range(1, 5_000), items);
    }

    [Fact]
    public async Task Rule4_2_UpstreamError_PropagatesDownstream()
    {
        var flow = Flows.Create<int>().Map(x => x).ToPublisher();
        var collected = Source.FromPublisher(flow).RunWith(Sink.Seq<int>(), _akka.Materializer);

        Source.Failed<int>(new InvalidOperationException("upstream broke"))
            .RunWith(Sink.FromSubscriber(flow.AsSubscriber()), _akka.Materializer);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => collected).WaitAsync(Waits.Timeout);
        Assert.Contains("upstream broke", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FlowOutput_FeedsAnotherFlow()
    {
        var results = new Results<string>();
        var first = Flows.Create<int>().Map(x => x * 10).ToPublisher();
        var second = Flows.Create<int>().Map(x => "v" + x).Close(results.Add);

        var session = second.OfferFrom(first);
        first.Offer([1, 2, 3]);
        first.Finish();

        await session.Completion.WaitAsync(Waits.Timeout);
        Assert.Equal(["v10", "v20", "v30"], results.Items);
    }

    private static IEnumerable<int> Counting(int count, Action onPull)
    {
        for (var i = 0; i < count; i++)
        {
            onPull();
            yield return i;
        }
    }
}
