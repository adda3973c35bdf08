using Microsoft.Extensions.Time.Testing;

namespace ModelEngine.Waterflow.Tests;

/// <summary>
/// No loss and no duplication under races, each case repeated many times (see <see cref="StressCounts"/>).
/// </summary>
public sealed class NoLossTests
{
    [Fact]
    public async Task TimeWindow_TimerRace_NoLoss()
    {
        for (var repeat = 0; repeat < StressCounts.Repeats; repeat++)
        {
            var time = new FakeTimeProvider();
            var windows = new Results<(int Count, int Sum)>();
            var flow = Flows.Create<int>(new FlowOptions { TimeProvider = time })
                .Map(x => x).Id("input")
                .Window(TimeSpan.FromMilliseconds(10))
                .Reduce(() => (Count: 0, Sum: 0), (acc, x) => (acc.Count + 1, acc.Sum + x))
                .Close(windows.Add);
            var session = new FlowSession();

            var ticker = Task.Run(() =>
            {
                for (var i = 0; i < 50; i++)
                {
                    time.Advance(TimeSpan.FromMilliseconds(5));
                }
            });
            for (var i = 1; i <= 40; i++)
            {
                await flow.OfferAsync(i, session).AsTask().WaitAsync(Waits.Timeout);
            }

            session.Complete();
            await Task.WhenAll(ticker, session.Completion).WaitAsync(Waits.Timeout);

            Assert.Equal(40, windows.Items.Sum(w => w.Count));
            Assert.Equal(40 * 41 / 2, windows.Items.Sum(w => w.Sum));
        }
    }

    [Fact]
    public async Task CountWindow_CompletionRace_NoLoss()
    {
        for (var repeat = 0; repeat < StressCounts.Repeats; repeat++)
        {
            var windows = new Results<int>();
            var flow = Flows.Create<int>()
                .Map(x => x).Concurrency(2)
                .Window(3)
                .Reduce(() => 0, (count, _) => count + 1)
                .Close(windows.Add);

            var session = flow.Offer(Enumerable.Range(0, 100 + repeat % 7));
            await session.Completion.WaitAsync(Waits.Timeout);

            Assert.Equal(100 + repeat % 7, windows.Items.Sum());
        }
    }

    [Fact]
    public async Task FanOutFanIn_Bounded_SameMultiset()
    {
        const int items = 1_000;
        for (var repeat = 0; repeat < StressCounts.Repeats; repeat++)
        {
            var results = new Results<int>();
            var flow = Flows.Create<int>(new FlowOptions { CreditWindow = 8 })
                .Conditions()
                .Match(x => x % 3 == 0, branch => branch.Map(x => x).Concurrency(2))
                .Match(x => x % 3 == 1, branch => branch.Map(x => x).Concurrency(3))
                .Others(branch => branch.Where(_ => true).Concurrency(2))
                .Close(results.Add);

            var session = flow.Offer(Enumerable.Range(0, items));
            await session.Completion.WaitAsync(Waits.Timeout);

            Assert.Equal(Enumerable.Range(0, items), results.Items.Order());
        }
    }

    [Fact]
    public async Task ForkJoin_SkewedBranches_EveryItemJoinedOnce()
    {
        const int items = 500;
        for (var repeat = 0; repeat < StressCounts.Repeats / 2; repeat++)
        {
            var results = new Results<(int A, int B)>();
            var flow = Flows.Create<int>(new FlowOptions { CreditWindow = 4 })
                .Parallel()
                .Fork(branch => branch.Map(x => (x, 0)).Concurrency(2))
                .Fork(branch => branch.Map(x =>
                {
                    Thread.SpinWait(200);
                    return (0, x);
                }).Concurrency(3))
                .Join(() => (A: 0, B: 0), (acc, part) => (acc.A + part.Item1, acc.B + part.Item2))
                .Close(results.Add);

            var session = flow.Offer(Enumerable.Range(0, items));
            await session.Completion.WaitAsync(Waits.Timeout);

            Assert.Equal(Enumerable.Range(0, items), results.Items.Select(r => r.A).Order());
            Assert.All(results.Items, r => Assert.Equal(r.A, r.B));
        }
    }

    [Fact]
    public async Task Publisher_FinishWithoutDemand_NoLoss()
    {
        for (var repeat = 0; repeat < StressCounts.Repeats; repeat++)
        {
            var flow = Flows.Create<int>(new FlowOptions { OutputWindow = 4 }).Map(x => x).ToPublisher();
            var subscriber = new RecordingSubscriber<int> { OnSubscribeAction = s => s.Request(3) };
            flow.Subscribe(subscriber);

            flow.Offer(Enumerable.Range(0, 20));
            flow.Finish();
            await Waits.UntilAsync(() => subscriber.Count == 3, "the first three items");
            for (var i = 0; i < 17; i++)
            {
                subscriber.Subscription!.Request(1);
            }

            Assert.Null(await subscriber.Terminated.WaitAsync(Waits.Timeout));
            Assert.Equal(Enumerable.Range(0, 20), subscriber.Items);
            Assert.Empty(subscriber.Violations);
        }
    }

    [Fact]
    public async Task Cancel_InFlight_StopsWithinBatch()
    {
        const int window = 32;
        for (var repeat = 0; repeat < StressCounts.Repeats; repeat++)
        {
            var delivered = new Results<long>();
            var flow = Flows.Create<long>(new FlowOptions { CreditWindow = window })
                .Map(x => x).Id("a")
                .Map(x => x).Concurrency(2)
                .Close(delivered.Add);
            long acceptedBeforeCancel = -1;
            long accepted = 0;
            var cancelAt = 200 + repeat % 300;

            var producer = Task.Run(async () =>
            {
                for (long i = 0; ; i++)
                {
                    await flow.OfferAsync(i);
                    if (Interlocked.Increment(ref accepted) == cancelAt)
                    {
                        acceptedBeforeCancel = cancelAt;
                        flow.Cancel();
                    }
                }
            });

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => producer).WaitAsync(Waits.Timeout);
            await Waits.UntilAsync(() => flow.Runtime.BufferedItems() == 0, "every buffer to be released after cancellation");

            Assert.InRange(Interlocked.Read(ref accepted) - acceptedBeforeCancel, 0, window);
            Assert.Equal(delivered.Items.Count, delivered.Items.Distinct().Count());
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => flow.Completion).WaitAsync(Waits.Timeout);
        }
    }

    [Fact]
    public async Task CompletionCallback_Blocking_NoDeadlock()
    {
        for (var repeat = 0; repeat < StressCounts.Repeats / 10; repeat++)
        {
            var first = new FlowSession();
            var second = new FlowSession();
            var callbackFinished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var flow = Flows.Create<int>()
                .Reduce(() => 0, (sum, x) => sum + x)
                .Close(
                    (_, _) => { },
                    session =>
                    {
                        if (ReferenceEquals(session, first))
                        {
                            // Blocks a thread until a session that is offered later completes.
                            second.Completion.Wait(Waits.Timeout);
                            callbackFinished.SetResult();
                        }
                    });

            // A continuation that blocks synchronously when the first session completes.
            var blockingContinuation = first.Completion.ContinueWith(
                _ => second.Completion.Wait(Waits.Timeout), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            await flow.OfferAsync([1, 2, 3], first).WaitAsync(Waits.Timeout);
            first.Complete();
            await first.Completion.WaitAsync(Waits.Timeout);
            await flow.OfferAsync([4, 5], second).WaitAsync(Waits.Timeout);
            second.Complete();

            await Task.WhenAll(callbackFinished.Task, blockingContinuation, second.Completion).WaitAsync(Waits.Timeout);
        }
    }
}
