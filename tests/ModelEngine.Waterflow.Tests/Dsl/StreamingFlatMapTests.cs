using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace ModelEngine.Waterflow.Tests;

public sealed class StreamingFlatMapTests
{
    [Fact]
    public async Task StreamingFlatMap_EmitsBeforeSequenceEnds()
    {
        var firstSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var results = new Results<string>();
        var flow = Flows.Create<string>()
            .FlatMap((prefix, ct) => EmitThenWait(prefix, firstSeen.Task, ct))
            .Close((item, _) =>
            {
                results.Add(item);
                firstSeen.TrySetResult();
            });

        var session = flow.Offer(["a"]);
        await session.Completion.WaitAsync(Waits.Timeout);

        // The sequence only finishes after its first item was seen downstream, so finishing proves streaming.
        Assert.Equal(["a-first", "a-last"], results.Items);
    }

    [Fact]
    public async Task StreamingFlatMap_SlowConsumer_BoundsProducer()
    {
        const int window = 4;
        const int total = 500;
        var produced = 0;
        var consumed = 0;
        var maxAhead = 0;
        using var gate = new ManualResetEventSlim();
        var results = new Results<int>();
        var flow = Flows.Create<int>(new FlowOptions { CreditWindow = window })
            .FlatMap((count, ct) => Count(count, () =>
            {
                var ahead = Interlocked.Increment(ref produced) - Volatile.Read(ref consumed);
                InterlockedMax(ref maxAhead, ahead);
            }, ct))
            .Close((item, _) =>
            {
                gate.Wait(Waits.Timeout);
                results.Add(item);
                Interlocked.Increment(ref consumed);
            });

        var session = flow.Offer([total]);
        await Waits.UntilAsync(() => Volatile.Read(ref produced) > window, "the producer fills the edge");

        // With the consumer held, the producer must stop at the credit window. The loop gives it time to overrun if it would.
        var overran = false;
        var deadline = DateTime.UtcNow.AddMilliseconds(200);
        while (DateTime.UtcNow < deadline)
        {
            overran |= Volatile.Read(ref produced) > (2 * window) + 2;
            await Task.Delay(5);
        }

        gate.Set();
        await session.Completion.WaitAsync(Waits.Timeout);

        Assert.False(overran, $"The producer ran {Volatile.Read(ref produced)} items ahead of a held consumer.");
        Assert.InRange(maxAhead, 1, (2 * window) + 2);
        Assert.Equal(Enumerable.Range(0, total), results.Items);
    }

    [Fact]
    public async Task StreamingFlatMap_PreservedSession_KeepsInputOrder()
    {
        var results = new Results<string>();
        var flow = Flows.Create<int>()
            .FlatMap((input, ct) => Delayed(input, ct))
            .Concurrency(3)
            .Close((item, _) => results.Add(item));

        var session = flow.Offer(Enumerable.Range(0, 6), preserved: true);
        await session.Completion.WaitAsync(Waits.Timeout);

        var expected = Enumerable.Range(0, 6).SelectMany(i => Enumerable.Range(0, 3).Select(j => $"{i}.{j}"));
        Assert.Equal(expected, results.Items);
    }

    [Fact]
    public async Task StreamingFlatMap_LaterInputWaiting_PausesAtWindow()
    {
        const int window = 4;
        var releaseFirst = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var producedBySecond = 0;
        var results = new Results<string>();
        var flow = Flows.Create<int>(new FlowOptions { CreditWindow = window })
            .FlatMap((input, ct) => input == 0
                ? GatedPair(releaseFirst.Task, ct)
                : Labelled(100, () => Interlocked.Increment(ref producedBySecond), ct))
            .Concurrency(2)
            .Close((item, _) => results.Add(item));

        var session = flow.Offer([0, 1], preserved: true);
        await Waits.UntilAsync(() => Volatile.Read(ref producedBySecond) >= window, "the later input buffers its outputs");

        // The later input must stop pulling at the window while the earlier one is still streaming.
        var overran = false;
        var deadline = DateTime.UtcNow.AddMilliseconds(200);
        while (DateTime.UtcNow < deadline)
        {
            overran |= Volatile.Read(ref producedBySecond) > window;
            await Task.Delay(5);
        }

        releaseFirst.SetResult();
        await session.Completion.WaitAsync(Waits.Timeout);

        Assert.False(overran, $"The later input produced {Volatile.Read(ref producedBySecond)} outputs before its turn.");
        var expected = new[] { "first-0", "first-1" }.Concat(Enumerable.Range(0, 100).Select(i => $"second-{i}"));
        Assert.Equal(expected, results.Items);
    }

    [Fact]
    public async Task StreamingFlatMap_Metrics_CountItems()
    {
        var flow = Flows.Create<int>()
            .FlatMap((count, ct) => Count(count, () => { }, ct))
            .Close(_ => { });

        await flow.Offer([3, 4]).Completion.WaitAsync(Waits.Timeout);

        var node = Assert.Single(flow.GetMetrics(), metrics => metrics.Kind == "flatMapStream");
        Assert.Equal(2, node.ItemsIn);
        Assert.Equal(7, node.ItemsOut);
        Assert.NotNull(node.CreditWindow);
    }

    [Fact]
    public async Task StreamingFlatMap_FailureMidStream_ReportsError()
    {
        var errors = new ConcurrentQueue<Exception>();
        var results = new Results<int>();
        var flow = Flows.Create<int>()
            .FlatMap((count, ct) => FailAfter(count, ct))
            .Close((item, _) => results.Add(item), onError: (exception, _) => errors.Enqueue(exception));

        var session = flow.Offer([2]);
        await session.Completion.WaitAsync(Waits.Timeout);

        Assert.Equal([0, 1], results.Items);
        var error = Assert.Single(errors);
        Assert.IsType<InvalidOperationException>(error.InnerException ?? error);
    }

    [Fact]
    public async Task StreamingFlatMap_ErrorHandler_RetriesStream()
    {
        var attempts = 0;
        var results = new Results<int>();
        var flow = Flows.Create<int>()
            .FlatMap((count, ct) => Interlocked.Increment(ref attempts) == 1 ? FailAfter(1, ct) : Count(count, () => { }, ct))
            .Error<int>((_, item, retry) => retry.Retry(item), maxRetries: 1)
            .Close((item, _) => results.Add(item));

        var session = flow.Offer([3]);
        await session.Completion.WaitAsync(Waits.Timeout);

        // The failed run emitted 0 before it threw, and the retry starts the sequence again.
        Assert.Equal(2, attempts);
        Assert.Equal([0, 0, 1, 2], results.Items);
    }

    [Fact]
    public async Task StreamingFlatMap_Cancel_CancelsSequence()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var flow = Flows.Create<int>()
            .FlatMap((_, ct) => Endless(started, cancelled, ct))
            .Close(_ => { });

        var session = flow.Offer([1]);
        await started.Task.WaitAsync(Waits.Timeout);
        flow.Cancel();

        await cancelled.Task.WaitAsync(Waits.Timeout);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => session.Completion.WaitAsync(Waits.Timeout));
    }

    private static async IAsyncEnumerable<string> GatedPair(Task release, [EnumeratorCancellation] CancellationToken ct)
    {
        yield return "first-0";
        await release.WaitAsync(Waits.Timeout, ct);
        yield return "first-1";
    }

    private static async IAsyncEnumerable<string> Labelled(int count, Action onProduced, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var i in Count(count, onProduced, ct))
        {
            yield return $"second-{i}";
        }
    }

    private static async IAsyncEnumerable<string> EmitThenWait(string prefix, Task release, [EnumeratorCancellation] CancellationToken ct)
    {
        yield return $"{prefix}-first";
        await release.WaitAsync(Waits.Timeout, ct);
        yield return $"{prefix}-last";
    }

    private static async IAsyncEnumerable<int> Count(int count, Action onProduced, [EnumeratorCancellation] CancellationToken ct)
    {
        for (var i = 0; i < count; i++)
        {
            await Task.Yield();
            ct.ThrowIfCancellationRequested();
            onProduced();
            yield return i;
        }
    }

    private static async IAsyncEnumerable<string> Delayed(int input, [EnumeratorCancellation] CancellationToken ct)
    {
        for (var j = 0; j < 3; j++)
        {
            // Earlier inputs are slower, so later inputs finish first unless the stage restores the order.
            await Task.Delay((6 - input) * 3, ct);
            yield return $"{input}.{j}";
        }
    }

    private static async IAsyncEnumerable<int> FailAfter(int count, [EnumeratorCancellation] CancellationToken ct)
    {
        for (var i = 0; i < count; i++)
        {
            await Task.Yield();
            yield return i;
        }

        ct.ThrowIfCancellationRequested();
        throw new InvalidOperationException("The provider failed mid-stream.");
    }

    private static async IAsyncEnumerable<int> Endless(TaskCompletionSource started, TaskCompletionSource cancelled, [EnumeratorCancellation] CancellationToken ct)
    {
        using var registration = ct.Register(() => cancelled.TrySetResult());
        var i = 0;
        while (true)
        {
            started.TrySetResult();
            await Task.Delay(1, ct);
            yield return i++;
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
