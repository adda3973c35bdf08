using System.Runtime.CompilerServices;
using Reactive.Streams;

namespace ModelEngine.Waterflow.Tests;

/// <summary>
/// Reactive Streams 1.0.4 rules for publishers (1.x) and subscriptions (3.x), checked against a publisher flow.
/// Each test is named after the rule it checks.
/// </summary>
public sealed class PublisherRuleTests
{
    [Fact]
    public async Task Rule1_1_OnNext_NeverExceedsRequested()
    {
        var flow = FinitePublisher(10);
        var subscriber = new RecordingSubscriber<int> { OnSubscribeAction = s => s.Request(3) };

        flow.Subscribe(subscriber);
        await WaitBufferedAsync(flow, 10);
        await Waits.UntilAsync(() => subscriber.Count == 3, "three requested items");
        subscriber.Subscription!.Request(1);
        await Waits.UntilAsync(() => subscriber.Count == 4, "one more requested item");

        Assert.Equal(4, subscriber.Count);
        Assert.Empty(subscriber.Violations);
    }

    [Fact]
    public async Task Rule1_2_FewerThanRequested_ThenOnComplete()
    {
        var flow = FinitePublisher(3);
        var subscriber = new RecordingSubscriber<int> { OnSubscribeAction = s => s.Request(10) };

        flow.Subscribe(subscriber);
        var error = await subscriber.Terminated.WaitAsync(Waits.Timeout);

        Assert.Null(error);
        Assert.Equal([0, 1, 2], subscriber.Items);
    }

    [Fact]
    public async Task Rule1_3_Signals_AreSerialized()
    {
        var count = StressCounts.IsFull ? 200_000 : 20_000;
        var flow = FinitePublisher(count);
        var subscriber = new RecordingSubscriber<int>
        {
            OnSubscribeAction = s => s.Request(1),

            // Requests come from other threads while the publisher is signalling.
            OnNextAction = (s, _) => ThreadPool.UnsafeQueueUserWorkItem(static sub => sub.Request(1), s, preferLocal: false),
        };

        flow.Subscribe(subscriber);
        await subscriber.Terminated.WaitAsync(Waits.Timeout);

        Assert.Equal(count, subscriber.Count);
        Assert.Empty(subscriber.Violations);
    }

    [Fact]
    public async Task Rule1_4_FailingPublisher_SignalsOnError()
    {
        var flow = Flows.Create<int>().Map(x => x == 2 ? throw new InvalidOperationException("two") : x).ToPublisher();
        var subscriber = new RecordingSubscriber<int> { OnSubscribeAction = s => s.Request(long.MaxValue) };
        flow.Subscribe(subscriber);

        flow.Offer([1, 2, 3]);
        var error = await subscriber.Terminated.WaitAsync(Waits.Timeout);

        var failure = Assert.IsType<FlowNodeException>(error);
        Assert.Equal("two", failure.InnerException!.Message);
    }

    [Fact]
    public async Task Rule1_5_EmptyStream_SignalsOnComplete()
    {
        var flow = FinitePublisher(0);
        var subscriber = new RecordingSubscriber<int>();

        flow.Subscribe(subscriber);
        var error = await subscriber.Terminated.WaitAsync(Waits.Timeout);

        Assert.Null(error);
        Assert.Equal(0, subscriber.Count);
    }

    [Fact]
    public async Task Rule1_6_AfterOnComplete_SubscriptionIsCancelled()
    {
        var flow = FinitePublisher(2);
        var subscriber = new RecordingSubscriber<int> { OnSubscribeAction = s => s.Request(5) };
        flow.Subscribe(subscriber);
        await subscriber.Terminated.WaitAsync(Waits.Timeout);

        subscriber.Subscription!.Request(5);
        subscriber.Subscription.Cancel();

        Assert.Equal(2, subscriber.Count);
        Assert.Equal(0, subscriber.SignalsAfterTerminal);
        Assert.True(flow.Completion.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Rule1_7_NoSignalAfterTerminal()
    {
        var flow = Flows.Create<int>().Map(x => x == 5 ? throw new InvalidOperationException("five") : x).ToPublisher();
        var subscriber = new RecordingSubscriber<int> { OnSubscribeAction = s => s.Request(long.MaxValue) };
        flow.Subscribe(subscriber);

        flow.Offer(Enumerable.Range(0, 1_000));
        await subscriber.Terminated.WaitAsync(Waits.Timeout);
        await Assert.ThrowsAnyAsync<Exception>(() => flow.Completion).WaitAsync(Waits.Timeout);
        var countAtTerminal = subscriber.Count;
        subscriber.Subscription!.Request(10);

        Assert.Equal(0, subscriber.SignalsAfterTerminal);
        Assert.Equal(countAtTerminal, subscriber.Count);
    }

    [Fact]
    public async Task Rule1_8_AfterCancel_SignalsStop()
    {
        var (flow, producer) = EndlessPublisher();
        var countAtCancel = -1;
        var subscriber = new RecordingSubscriber<int>
        {
            OnSubscribeAction = s => s.Request(long.MaxValue),
            OnNextAction = (s, count) =>
            {
                if (count == 100)
                {
                    Volatile.Write(ref countAtCancel, count);
                    s.Cancel();
                }
            },
        };

        flow.Subscribe(subscriber);

        // The cancel stops an offer in progress, or finishes the flow before the next offer, which then finds the input closed.
        var stop = await Record.ExceptionAsync(() => producer).WaitAsync(Waits.Timeout);
        var stopped = stop is OperationCanceledException
            || (stop is InvalidOperationException && stop.Message.Contains("accepts no more input", StringComparison.Ordinal));
        Assert.True(stopped, $"The producer did not stop with a stop signal: {stop}");

        Assert.Equal(100, Volatile.Read(ref countAtCancel));
        Assert.Equal(100, subscriber.Count);
    }

    [Fact]
    public void Rule1_9_NullSubscriber_Throws()
    {
        var flow = FinitePublisher(1);

        Assert.Throws<ArgumentNullException>(() => flow.Subscribe(null!));
    }

    [Fact]
    public async Task Rule1_9_OnSubscribe_IsFirstSignal()
    {
        var flow = FinitePublisher(3);
        var subscriber = new RecordingSubscriber<int> { OnSubscribeAction = s => s.Request(3) };

        flow.Subscribe(subscriber);
        await subscriber.Terminated.WaitAsync(Waits.Timeout);

        Assert.NotNull(subscriber.Subscription);
        Assert.Empty(subscriber.Violations);
    }

    [Fact]
    public async Task Rule1_10_SubscribeTwice_BothSubscribed()
    {
        var flow = FinitePublisher(1);
        var first = new RecordingSubscriber<int> { OnSubscribeAction = s => s.Request(1) };
        var second = new RecordingSubscriber<int>();

        flow.Subscribe(first);
        flow.Subscribe(second);

        Assert.NotNull(first.Subscription);
        Assert.NotNull(second.Subscription);
        Assert.Null(await first.Terminated.WaitAsync(Waits.Timeout));
    }

    [Fact]
    public async Task Rule1_11_Unicast_SecondSubscriberRejected()
    {
        var flow = FinitePublisher(1);
        flow.Subscribe(new RecordingSubscriber<int>());
        var second = new RecordingSubscriber<int>();

        flow.Subscribe(second);
        var error = await second.Terminated.WaitAsync(Waits.Timeout);

        Assert.IsType<InvalidOperationException>(error);
        Assert.Empty(second.Violations);
    }

    [Fact]
    public async Task Rule3_2_RequestInsideOnNext_IsAllowed()
    {
        var flow = FinitePublisher(50);
        var subscriber = new RecordingSubscriber<int>
        {
            OnSubscribeAction = s => s.Request(1),
            OnNextAction = (s, _) => s.Request(1),
        };

        flow.Subscribe(subscriber);
        await subscriber.Terminated.WaitAsync(Waits.Timeout);

        Assert.Equal(50, subscriber.Count);
    }

    [Fact]
    public async Task Rule3_3_RequestRecursion_IsBounded()
    {
        var flow = FinitePublisher(1_000);
        await WaitBufferedAsync(flow, 256);
        var subscriber = new RecordingSubscriber<int>
        {
            OnSubscribeAction = s => s.Request(1),
            OnNextAction = (s, _) => s.Request(1),
        };

        flow.Subscribe(subscriber);
        await subscriber.Terminated.WaitAsync(Waits.Timeout);

        Assert.Equal(1_000, subscriber.Count);
        Assert.Equal(1, subscriber.MaxOnNextDepth);
    }

    [Fact]
    public async Task Rule3_4_Request_ReturnsPromptly()
    {
        var flow = FinitePublisher(100);
        var subscriber = new RecordingSubscriber<int>();
        flow.Subscribe(subscriber);
        await WaitBufferedAsync(flow, 100);

        var watch = System.Diagnostics.Stopwatch.StartNew();
        subscriber.Subscription!.Request(100);
        watch.Stop();

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"Request took {watch.Elapsed}.");
        await subscriber.Terminated.WaitAsync(Waits.Timeout);
    }

    [Fact]
    public async Task Rule3_5_Cancel_IdempotentAndThreadSafe()
    {
        var (flow, producer) = EndlessPublisher();
        var subscriber = new RecordingSubscriber<int> { OnSubscribeAction = s => s.Request(10) };
        flow.Subscribe(subscriber);
        await Waits.UntilAsync(() => subscriber.Count == 10, "ten items");

        var subscription = subscriber.Subscription!;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(subscription.Cancel))).WaitAsync(Waits.Timeout);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => producer).WaitAsync(Waits.Timeout);
        Assert.Empty(subscriber.Violations);
    }

    [Fact]
    public async Task Rule3_6_RequestAfterCancel_IsNoOp()
    {
        var flow = FinitePublisher(20);
        var subscriber = new RecordingSubscriber<int> { OnSubscribeAction = s => s.Request(5) };
        flow.Subscribe(subscriber);
        await Waits.UntilAsync(() => subscriber.Count == 5, "five items");

        subscriber.Subscription!.Cancel();
        subscriber.Subscription.Request(10);

        Assert.Equal(5, subscriber.Count);
        Assert.False(subscriber.Terminated.IsCompleted);
    }

    [Fact]
    public void Rule3_7_CancelAfterCancel_IsNoOp()
    {
        var flow = FinitePublisher(5);
        var subscriber = new RecordingSubscriber<int>();
        flow.Subscribe(subscriber);

        subscriber.Subscription!.Cancel();
        subscriber.Subscription.Cancel();

        Assert.True(flow.Completion.IsCanceled);
        Assert.Empty(subscriber.Violations);
    }

    [Fact]
    public async Task Rule3_8_Requests_AddUp()
    {
        var flow = FinitePublisher(20);
        var subscriber = new RecordingSubscriber<int>();
        flow.Subscribe(subscriber);
        await WaitBufferedAsync(flow, 20);

        subscriber.Subscription!.Request(2);
        subscriber.Subscription.Request(3);
        await Waits.UntilAsync(() => subscriber.Count == 5, "five items");

        Assert.Equal(5, subscriber.Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task Rule3_9_NonPositiveRequest_SignalsArgumentError(long n)
    {
        var flow = FinitePublisher(5);
        var subscriber = new RecordingSubscriber<int> { OnSubscribeAction = s => s.Request(n) };

        flow.Subscribe(subscriber);
        var error = await subscriber.Terminated.WaitAsync(Waits.Timeout);

        var argument = Assert.IsAssignableFrom<ArgumentException>(error);
        Assert.Contains("3.9", argument.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rule3_10_Request_MayCallOnNextSynchronously()
    {
        var flow = FinitePublisher(10);
        var subscriber = new RecordingSubscriber<int>();
        flow.Subscribe(subscriber);
        await WaitBufferedAsync(flow, 10);

        subscriber.Subscription!.Request(4);

        Assert.Equal(4, subscriber.Count);
    }

    [Fact]
    public async Task Rule3_11_LastItem_ThenOnComplete()
    {
        var flow = FinitePublisher(3);
        var subscriber = new RecordingSubscriber<int>();
        flow.Subscribe(subscriber);
        await WaitBufferedAsync(flow, 3);

        subscriber.Subscription!.Request(3);

        Assert.Null(await subscriber.Terminated.WaitAsync(Waits.Timeout));
        Assert.Equal(3, subscriber.Count);
    }

    [Fact]
    public async Task Rule3_12_Cancel_StopsSignalsEventually()
    {
        var (flow, producer) = EndlessPublisher();
        var subscriber = new RecordingSubscriber<int> { OnSubscribeAction = s => s.Request(long.MaxValue) };
        flow.Subscribe(subscriber);
        await Waits.UntilAsync(() => subscriber.Count > 1_000, "a thousand items");

        subscriber.Subscription!.Cancel();
        var countAfterCancel = subscriber.Count;
        // An offer waiting for credit is cancelled, and an offer made after the flow finished is rejected. Which one stops
        // the producer depends on where the cancel found it.
        var stopped = await Record.ExceptionAsync(() => producer).WaitAsync(Waits.Timeout);

        Assert.True(stopped is OperationCanceledException or InvalidOperationException, $"The producer stopped with {stopped?.GetType().Name ?? "no exception"}.");
        Assert.Equal(countAfterCancel, subscriber.Count);
    }

    [Fact]
    public async Task Rule3_13_Cancel_DropsSubscriberReference()
    {
        var flow = FinitePublisher(100);
        var reference = SubscribeAndCancel(flow);

        await Waits.UntilAsync(
            () =>
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                return !reference.TryGetTarget(out _);
            },
            "the cancelled subscriber to be collected");

        Assert.False(reference.TryGetTarget(out _));
    }

    [Fact]
    public async Task Rule3_14_Cancel_ShutsDownFlow()
    {
        var flow = FinitePublisher(10);
        var subscriber = new RecordingSubscriber<int>();
        flow.Subscribe(subscriber);

        subscriber.Subscription!.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => flow.Completion).WaitAsync(Waits.Timeout);
        Assert.Equal(0, flow.Runtime.BufferedItems());
    }

    [Fact]
    public void Rule3_15_Cancel_NeverThrows()
    {
        var flow = FinitePublisher(3);
        var subscriber = new RecordingSubscriber<int>();
        flow.Subscribe(subscriber);

        var error = Record.Exception(() =>
        {
            subscriber.Subscription!.Cancel();
            subscriber.Subscription.Cancel();
        });

        Assert.Null(error);
    }

    [Fact]
    public void Rule3_16_Request_NeverThrows()
    {
        var flow = FinitePublisher(3);
        var subscriber = new RecordingSubscriber<int>();
        flow.Subscribe(subscriber);

        var error = Record.Exception(() =>
        {
            subscriber.Subscription!.Request(-5);
            subscriber.Subscription.Request(long.MaxValue);
            subscriber.Subscription.Cancel();
            subscriber.Subscription.Request(1);
        });

        Assert.Null(error);
    }

    [Fact]
    public async Task Rule3_17_MaxDemand_NoOverflow()
    {
        var flow = FinitePublisher(1_000);
        var subscriber = new RecordingSubscriber<int>
        {
            OnSubscribeAction = s =>
            {
                s.Request(long.MaxValue - 1);
                s.Request(long.MaxValue - 1);
                s.Request(long.MaxValue);
            },
        };

        flow.Subscribe(subscriber);

        Assert.Null(await subscriber.Terminated.WaitAsync(Waits.Timeout));
        Assert.Equal(1_000, subscriber.Count);
    }

    internal static PublisherFlow<int, int> FinitePublisher(int count)
    {
        var flow = Flows.Create<int>().Map(x => x).ToPublisher();
        flow.Offer(Enumerable.Range(0, count));
        flow.Finish();
        return flow;
    }

    internal static Task WaitBufferedAsync(Flow<int, int> flow, int count) =>
        Waits.UntilAsync(() => flow.GetMetrics().Single(m => m.Kind == "end").ItemsIn >= count, $"{count} items at the publisher's output");

    private static (PublisherFlow<int, int> Flow, Task Producer) EndlessPublisher()
    {
        var flow = Flows.Create<int>().Map(x => x).ToPublisher();
        var producer = Task.Run(async () =>
        {
            for (var i = 0; ; i++)
            {
                await flow.OfferAsync(i);
            }
        });
        return (flow, producer);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference<RecordingSubscriber<int>> SubscribeAndCancel(IPublisher<int> flow)
    {
        var subscriber = new RecordingSubscriber<int> { OnSubscribeAction = s => s.Request(1) };
        flow.Subscribe(subscriber);
        subscriber.Subscription!.Cancel();
        return new WeakReference<RecordingSubscriber<int>>(subscriber);
    }
}
