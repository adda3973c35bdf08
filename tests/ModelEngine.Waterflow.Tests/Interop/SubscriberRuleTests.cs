using Reactive.Streams;

namespace ModelEngine.Waterflow.Tests;

/// <summary>
/// Reactive Streams 1.0.4 rules for subscribers (2.x), checked against the subscriber a flow returns from
/// <c>AsSubscriber()</c>, driven by hand through a recording subscription. Each test is named after its rule.
/// </summary>
public sealed class SubscriberRuleTests
{
    [Fact]
    public void Rule2_1_Subscriber_RequestsToReceive()
    {
        var (_, subscriber, _) = CreateSubscriber(window: 16);
        var subscription = new RecordingSubscription();

        subscriber.OnSubscribe(subscription);

        Assert.Equal(16, subscription.Requested);
    }

    [Fact]
    public async Task Rule2_2_OnNext_ReturnsWhileFlowIsBlocked()
    {
        using var gate = new ManualResetEventSlim();
        var received = 0;
        var flow = Flows.Create<int>(new FlowOptions { CreditWindow = 8 }).Close(_ =>
        {
            gate.Wait(Waits.Timeout);
            Interlocked.Increment(ref received);
        });
        var subscriber = flow.AsSubscriber();
        var subscription = new RecordingSubscription();
        subscriber.OnSubscribe(subscription);

        var watch = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < subscription.Requested; i++)
        {
            subscriber.OnNext(i);
        }

        watch.Stop();
        gate.Set();
        await Waits.UntilAsync(() => Volatile.Read(ref received) == 8, "eight items at the sink");

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"OnNext blocked for {watch.Elapsed}.");
    }

    [Fact]
    public void Rule2_3_OnComplete_DoesNotCallSubscription()
    {
        var (_, subscriber, _) = CreateSubscriber(window: 4);
        var subscription = new RecordingSubscription();
        subscriber.OnSubscribe(subscription);

        subscription.Terminated = true;
        subscriber.OnComplete();

        Assert.Equal(0, subscription.CallsAfterTerminal);
    }

    [Fact]
    public async Task Rule2_4_AfterOnError_SubscriptionConsideredCancelled()
    {
        var errors = new Results<Exception>();
        var (flow, subscriber, _) = CreateSubscriber(window: 4, onError: errors.Add);
        var subscription = new RecordingSubscription();
        subscriber.OnSubscribe(subscription);

        subscription.Terminated = true;
        subscriber.OnError(new InvalidOperationException("upstream"));
        subscriber.OnNext(1);
        await flow.Completion.WaitAsync(Waits.Timeout);

        Assert.Equal(0, subscription.CallsAfterTerminal);
        Assert.Equal("upstream", Assert.Single(errors.Items).Message);
    }

    [Fact]
    public void Rule2_5_SecondSubscription_IsCancelled()
    {
        var (_, subscriber, _) = CreateSubscriber(window: 4);
        var first = new RecordingSubscription();
        var second = new RecordingSubscription();

        subscriber.OnSubscribe(first);
        subscriber.OnSubscribe(second);

        Assert.Equal(1, second.Cancels);
        Assert.Equal(0, second.Requested);
        Assert.Equal(0, first.Cancels);
    }

    [Fact]
    public async Task Rule2_6_CancelledFlow_CancelsSubscription()
    {
        var (flow, subscriber, _) = CreateSubscriber(window: 4);
        var subscription = new RecordingSubscription();
        subscriber.OnSubscribe(subscription);

        flow.Cancel();

        await Waits.UntilAsync(() => subscription.Cancels == 1, "the upstream subscription to be cancelled");
        Assert.Equal(1, subscription.Cancels);
    }

    [Fact]
    public async Task Rule2_7_RequestAndCancel_AreSerialized()
    {
        var items = StressCounts.IsFull ? 200_000 : 20_000;
        var received = 0;
        var flow = Flows.Create<int>(new FlowOptions { CreditWindow = 8 }).Map(x => x).Id("a").Close(_ => Interlocked.Increment(ref received));
        var subscriber = flow.AsSubscriber();
        var subscription = new RecordingSubscription { DuringRequest = () => Thread.SpinWait(50) };
        subscriber.OnSubscribe(subscription);

        // The test thread plays the publisher and sends exactly what was requested, while the flow grants
        // credits from its own threads, which makes the subscriber request more from those threads.
        var sent = 0;
        while (sent < items)
        {
            if (sent < subscription.Requested)
            {
                subscriber.OnNext(sent++);
            }
            else
            {
                await Task.Yield();
            }
        }

        subscriber.OnComplete();
        await flow.Completion.WaitAsync(Waits.Timeout);

        Assert.Equal(items, received);
        Assert.Equal(0, subscription.Overlaps);
    }

    [Fact]
    public void Rule2_8_OnNextAfterCancel_IsTolerated()
    {
        var (flow, subscriber, _) = CreateSubscriber(window: 4);
        var subscription = new RecordingSubscription();
        subscriber.OnSubscribe(subscription);
        flow.Cancel();

        var error = Record.Exception(() => subscriber.OnNext(1));

        Assert.Null(error);
    }

    [Fact]
    public async Task Rule2_9_OnCompleteWithoutRequest_IsAccepted()
    {
        var (flow, subscriber, _) = CreateSubscriber(window: 4);

        subscriber.OnSubscribe(new RecordingSubscription());
        subscriber.OnComplete();

        await flow.Completion.WaitAsync(Waits.Timeout);
    }

    [Fact]
    public async Task Rule2_10_OnErrorWithoutRequest_IsAccepted()
    {
        var errors = new Results<Exception>();
        var (flow, subscriber, _) = CreateSubscriber(window: 4, onError: errors.Add);

        subscriber.OnSubscribe(new RecordingSubscription());
        subscriber.OnError(new InvalidOperationException("early"));

        await flow.Completion.WaitAsync(Waits.Timeout);
        Assert.Single(errors.Items);
    }

    [Fact]
    public async Task Rule2_11_ItemsFromOtherThreads_AreFullyVisible()
    {
        var results = new Results<int>();
        var flow = Flows.Create<Box>().Map(box => box.A + box.B).Close(results.Add);
        var subscriber = flow.AsSubscriber();
        var subscription = new RecordingSubscription();
        subscriber.OnSubscribe(subscription);

        await Task.Run(() =>
        {
            for (var i = 0; i < 500; i++)
            {
                while (i >= subscription.Requested)
                {
                    Thread.Yield();
                }

                subscriber.OnNext(new Box { A = i, B = i });
            }

            subscriber.OnComplete();
        }).WaitAsync(Waits.Timeout);
        await flow.Completion.WaitAsync(Waits.Timeout);

        Assert.Equal(Enumerable.Range(0, 500).Select(i => i * 2), results.Items.Order());
    }

    [Fact]
    public void Rule2_12_RepeatedOnSubscribe_SameSubscription_IsIgnored()
    {
        var (_, subscriber, _) = CreateSubscriber(window: 4);
        var subscription = new RecordingSubscription();

        subscriber.OnSubscribe(subscription);
        subscriber.OnSubscribe(subscription);

        Assert.Equal(0, subscription.Cancels);
        Assert.Equal(4, subscription.Requested);
    }

    [Fact]
    public void Rule2_13_NullArguments_Throw()
    {
        var flow = Flows.Create<string>().Close(_ => { });
        var subscriber = flow.AsSubscriber();
        subscriber.OnSubscribe(new RecordingSubscription());

        Assert.Throws<ArgumentNullException>(() => subscriber.OnNext(null!));
        Assert.Throws<ArgumentNullException>(() => subscriber.OnError(null!));
        Assert.Throws<ArgumentNullException>(() => flow.AsSubscriber().OnSubscribe(null!));
    }

    [Fact]
    public void Rule3_1_Subscriber_CallsSubscriptionOnlyFromItsLoop()
    {
        var (flow, subscriber, _) = CreateSubscriber(window: 4);
        var subscription = new RecordingSubscription();
        subscriber.OnSubscribe(subscription);

        for (var i = 0; i < 4; i++)
        {
            subscriber.OnNext(i);
        }

        Assert.InRange(subscription.Requested, 1, 4 + 4);
        Assert.Equal(0, subscription.Overlaps);
        flow.Cancel();
    }

    private static (Flow<int, int> Flow, ISubscriber<int> Subscriber, Results<int> Results) CreateSubscriber(
        int window, Action<Exception>? onError = null)
    {
        var results = new Results<int>();
        var flow = Flows.Create<int>(new FlowOptions { CreditWindow = window })
            .Map(x => x)
            .Close(results.Add, onError: onError is null ? null : (exception, _) => onError(exception));
        return (flow, flow.AsSubscriber(), results);
    }

    private sealed class Box
    {
        public int A;
        public int B;
    }
}
