namespace ModelEngine.Waterflow.Tests;

public sealed class CreditTests
{
    [Fact]
    public void Grant_BelowHalfWindow_KeepsCredits()
    {
        var edge = new CreditEdge<int>(8, "test");
        var session = new FlowSession();
        var spare = new Envelope<int>[8];
        var items = Enumerable.Range(0, 8).Select(i => new Envelope<int>(i, new ItemMeta(session, -1, null))).ToArray();

        Assert.Equal(8, edge.TryWrite(items));
        Assert.Equal(0, edge.TryWrite(items));
        Assert.Equal(8, edge.Take(ref spare, new Queue<IStageControl>()));
        edge.Grant(3);
        var afterThree = edge.Credits;
        edge.Grant(1);

        Assert.Equal(0, afterThree);
        Assert.Equal(4, edge.Credits);
    }

    [Fact]
    public void Take_ManySingleWrites_OneHandOff()
    {
        var edge = new CreditEdge<int>(64, "test");
        var session = new FlowSession();
        var spare = new Envelope<int>[64];
        for (var i = 0; i < 40; i++)
        {
            Assert.True(edge.TryWrite(i, new ItemMeta(session, -1, null)));
        }

        var taken = edge.Take(ref spare, new Queue<IStageControl>());

        Assert.Equal(40, taken);
        Assert.Equal(Enumerable.Range(0, 40), spare.Take(40).Select(item => item.Value));
    }

    [Fact]
    public void ZeroWindow_ConsumerIdle_LendsOneCredit()
    {
        var edge = new CreditEdge<int>(0, "test");
        var session = new FlowSession();
        var spare = new Envelope<int>[1];
        var controls = new Queue<IStageControl>();

        Assert.True(edge.TryWrite(1, new ItemMeta(session, -1, null)));
        Assert.False(edge.TryWrite(2, new ItemMeta(session, -1, null)));
        Assert.Equal(1, edge.Take(ref spare, controls));
        Assert.False(edge.TryWrite(2, new ItemMeta(session, -1, null)));
        Assert.Equal(0, edge.Take(ref spare, controls));
        Assert.True(edge.TryWrite(2, new ItemMeta(session, -1, null)));
    }

    [Fact]
    public async Task TryOffer_SinkBlocked_ReturnsFalse()
    {
        using var gate = new ManualResetEventSlim();
        var received = 0;
        var flow = Flows.Create<int>(new FlowOptions { CreditWindow = 4 })
            .Map(x => x).Id("a")
            .Close(_ =>
            {
                gate.Wait(Waits.Timeout);
                Interlocked.Increment(ref received);
            });

        var accepted = 0;
        var refusals = 0;

        // Each round offers until TryOffer refuses. A credit that the blocked stage grants after a refusal is used by
        // the next round, so the offered items are always counted and none is lost from the tally.
        await Waits.UntilAsync(
            () =>
            {
                while (flow.TryOffer(accepted))
                {
                    accepted++;
                }

                refusals++;
                return flow.GetMetrics().All(m => m.Credits is null or 0);
            },
            "every edge out of credits");
        gate.Set();
        flow.Complete();
        await Waits.UntilAsync(() => Volatile.Read(ref received) == accepted, "every accepted item at the sink");

        Assert.True(refusals > 0, "TryOffer never returned false while the sink was blocked.");
        Assert.InRange(accepted, 1, 2 * 4);
    }

    [Fact]
    public async Task OfferAsync_NoCredit_WaitsUntilCancelled()
    {
        using var gate = new ManualResetEventSlim();
        var flow = Flows.Create<int>(new FlowOptions { CreditWindow = 2 }).Close(_ => gate.Wait(Waits.Timeout));
        while (flow.TryOffer(0))
        {
        }

        using var cancellation = new CancellationTokenSource();
        var pending = flow.OfferAsync(1, cancellation.Token).AsTask();
        var pendingBeforeCancel = pending.IsCompleted;
        cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending).WaitAsync(Waits.Timeout);
        Assert.False(pendingBeforeCancel);
        gate.Set();
        var waiting = flow.OfferAsync(2).AsTask();
        await waiting.WaitAsync(Waits.Timeout);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task TinyWindow_ManyStages_MakesProgress(int window)
    {
        var received = 0;
        var flow = Flows.Create<int>(new FlowOptions { CreditWindow = window })
            .Map(x => x + 1).Id("a")
            .Map(async (x, _) =>
            {
                await Task.Yield();
                return x;
            })
            .Map(x => x).Concurrency(2)
            .Window(3).Reduce(() => 0, (sum, x) => sum + 1)
            .Close(count => Interlocked.Add(ref received, count));

        var session = await flow.OfferAsync(Enumerable.Range(0, 5_000)).WaitAsync(Waits.Timeout);
        await session.Completion.WaitAsync(Waits.Timeout);

        Assert.Equal(5_000, received);
    }

    [Fact]
    public async Task InFlight_SlowSink_WithinWindows()
    {
        const int window = 256;
        var total = StressCounts.BoundedItems;
        long received = 0;
        var flow = Flows.Create<long>(new FlowOptions { CreditWindow = window })
            .Map(x => x + 1).Id("first")
            .Map(x => x - 1).Id("second")
            .Close(_ =>
            {
                // A slow sink: it spins a little on every item so the producer runs ahead and must wait for credits.
                Thread.SpinWait(20);
                Volatile.Write(ref received, received + 1);
            });
        var sumOfWindows = flow.GetMetrics().Sum(m => m.CreditWindow ?? 0);

        long accepted = 0;
        long maxInFlight = 0;
        long stalls = 0;
        for (long i = 0; i < total; i++)
        {
            if (!flow.TryOffer(i))
            {
                stalls++;
                await flow.OfferAsync(i).AsTask().WaitAsync(Waits.Timeout);
            }

            accepted++;

            // Received can only lag behind what the sink really finished, so this overestimates what is in flight.
            var inFlight = accepted - Volatile.Read(ref received);
            if (inFlight > maxInFlight)
            {
                maxInFlight = inFlight;
            }
        }

        flow.Complete();
        await Waits.UntilAsync(() => Volatile.Read(ref received) == total, "every item at the sink", TimeSpan.FromMinutes(5));

        Assert.Equal(3 * window, sumOfWindows);
        Assert.InRange(maxInFlight, 1, sumOfWindows);
        Assert.True(stalls > 0, "The producer never waited, so the sink was not slow enough to test the bound.");
    }
}
