using System.Collections.Concurrent;
using System.Text.Json;
using ModelEngine.Fit.Client;
using ModelEngine.Fit.Workflows.Tests.Support;
using ModelEngine.Fit.Workflows.Waterflow;
using ModelEngine.Waterflow;

namespace ModelEngine.Fit.Workflows.Tests.Waterflow;

public sealed class OperatorFlowTests
{
    private const string Double = "samples.math.double";

    /// <summary>A slow operator: every call waits for the gate, and the calls in flight are counted.</summary>
    private sealed class GatedOperator
    {
        private int _inFlight;
        private int _maxInFlight;

        public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int InFlight => Volatile.Read(ref _inFlight);

        public int MaxInFlight => Volatile.Read(ref _maxInFlight);

        public async ValueTask<object?> CallAsync(FitCall call, CancellationToken cancellationToken)
        {
            var now = Interlocked.Increment(ref _inFlight);
            int seen;
            while (now > (seen = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen)
            {
            }

            try
            {
                await Gate.Task.WaitAsync(cancellationToken);
                return (long)(int)call.Arguments[0]! * 2;
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }
    }

    [Fact]
    public async Task SlowOperator_InFlightWithinWindow()
    {
        const int window = 4;
        const int items = 60;
        var slow = new GatedOperator();
        var client = new FakeFitClient { Handler = slow.CallAsync };
        var results = new ConcurrentBag<int>();
        var flow = Flows.Create<int>(new FlowOptions { CreditWindow = window, Name = "operator-backpressure" })
            .InvokeOperator<int, int, int>(client, Double, item => [item])
            .Concurrency(32)
            .Close(results.Add);
        var offered = 0;

        var offering = Task.Run(async () =>
        {
            for (var i = 0; i < items; i++)
            {
                await flow.OfferAsync(i);
                Interlocked.Increment(ref offered);
            }
        });
        await Eventually.TrueAsync(() => slow.InFlight == window, $"{window} calls are in flight");

        // Every call keeps its credit until it returns, so the offers stall. The flow's input edge and the operator's
        // edge buffer at most one window each.
        Assert.True(Volatile.Read(ref offered) <= 2 * window, $"{offered} items were accepted while every call was blocked.");
        Assert.False(offering.IsCompleted, "All items were accepted while every call was blocked.");
        slow.Gate.SetResult();
        await offering.WaitAsync(OperatorEngine.Timeout);
        flow.Complete();
        flow.Finish();
        await flow.Completion.WaitAsync(OperatorEngine.Timeout);

        Assert.Equal(window, slow.MaxInFlight);
        Assert.Equal(Enumerable.Range(0, items).Select(i => i * 2).Order(), results.Order());
        Assert.Equal(items, client.Calls.Count);
    }

    [Fact]
    public async Task CancelFlow_CancelsCallsInFlight()
    {
        var cancelled = 0;
        var started = 0;
        var client = new FakeFitClient
        {
            Handler = async (_, cancellationToken) =>
            {
                Interlocked.Increment(ref started);
                try
                {
                    await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    Interlocked.Increment(ref cancelled);
                    throw;
                }

                return null;
            },
        };
        var flow = Flows.Create<string>(new FlowOptions { CreditWindow = 8 })
            .InvokeOperator(client, "samples.text.summarize", text => [text, "en"])
            .Concurrency(3)
            .Close(_ => { });

        foreach (var text in new[] { "a", "b", "c" })
        {
            await flow.OfferAsync(text).AsTask().WaitAsync(OperatorEngine.Timeout);
        }

        await Eventually.TrueAsync(() => Volatile.Read(ref started) == 3, "three calls have started");
        flow.Cancel();

        await Eventually.TrueAsync(() => Volatile.Read(ref cancelled) == 3, "the three calls observed the cancellation");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => flow.Completion.WaitAsync(OperatorEngine.Timeout));
    }

    [Fact]
    public async Task FailedCall_ReachesFlowErrorCallback()
    {
        var client = new FakeFitClient
        {
            Handler = (call, _) => (int)call.Arguments[0]! == 2
                ? throw new FitException(FitErrorCode.Faulted, "Two is not allowed.") { GenericableId = Double, FitableId = "double-v1" }
                : ValueTask.FromResult<object?>(JsonSerializer.SerializeToElement((int)call.Arguments[0]! * 2)),
        };
        var results = new ConcurrentBag<int>();
        var errors = new ConcurrentBag<Exception>();
        var flow = Flows.Create<int>()
            .InvokeOperator<int, int, int>(client, Double, item => [item])
            .Close((item, _) => results.Add(item), onError: (exception, _) => errors.Add(exception));

        flow.Offer([1, 2, 3]);
        flow.Finish();
        await flow.Completion.WaitAsync(OperatorEngine.Timeout);

        Assert.Equal([2, 6], results.Order());
        var error = Assert.IsType<FitException>(Assert.Single(errors));
        Assert.Equal("double-v1", error.FitableId);
    }
}
