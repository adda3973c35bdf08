using Microsoft.Extensions.Time.Testing;
using ModelEngine.Fit.Client;
using ModelEngine.Fit.Hosting;
using static ModelEngine.Fit.Dispatch.Tests.Fakes.Fits;

namespace ModelEngine.Fit.Dispatch.Tests.Invocation;

public sealed class TimeoutTests
{
    private static readonly Contracts.GenericableDescriptor Slow = Contract("slow", "input");

    private static readonly int RaceIterations = Environment.GetEnvironmentVariable("MODELENGINE_STRESS") == "full" ? 1_000 : 100;

    /// <summary>A fitable that waits on its token forever.</summary>
    private static Registry.LocalFitable Waiting(string id) =>
        Local(Slow, id, async (_, token) =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, token);
            return id;
        });

    /// <summary>A fitable that never finishes and never looks at its token.</summary>
    private static Registry.LocalFitable Deaf(string id) =>
        Local(Slow, id, (_, _) => new ValueTask<object?>(new TaskCompletionSource<object?>().Task));

    [Fact]
    public async Task Invoke_FitableOutlivesTimeout_FailsWithTimedOut()
    {
        var time = new FakeTimeProvider();
        var client = new FitClient(NewRegistry(Waiting("w")), new FitOptions(), timeProvider: time);

        var call = client.InvokeAsync("slow", ["x"], new FitCallOptions { Timeout = TimeSpan.FromSeconds(5) }).AsTask();
        Assert.False(call.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(5));
        var error = await Assert.ThrowsAsync<FitException>(() => call.WaitAsync(Patience));

        Assert.Equal(FitErrorCode.TimedOut, error.Code);
        Assert.Contains("00:00:05", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_FitableIgnoresItsToken_StillTimesOut()
    {
        var time = new FakeTimeProvider();
        var client = new FitClient(NewRegistry(Deaf("d")), new FitOptions(), timeProvider: time);

        var call = client.InvokeAsync("slow", ["x"], new FitCallOptions { Timeout = TimeSpan.FromSeconds(1) }).AsTask();
        time.Advance(TimeSpan.FromSeconds(1));
        var error = await Assert.ThrowsAsync<FitException>(() => call.WaitAsync(Patience));

        Assert.Equal(FitErrorCode.TimedOut, error.Code);
    }

    [Fact]
    public async Task Invoke_SyncFitable_SeesOwnTimeoutOnly()
    {
        // The first call spins on its token until the timeout cancels it. The calls after it, on the same thread,
        // must get a fresh token that is not cancelled.
        var client = NewClient(NewRegistry(Local(Slow, "spin", (args, token) =>
        {
            var until = Environment.TickCount64 + (long)Patience.TotalMilliseconds;
            while ((string)args[0]! == "spin" && !token.IsCancellationRequested && Environment.TickCount64 < until)
            {
                Thread.SpinWait(100);
            }

            token.ThrowIfCancellationRequested();
            return ValueTask.FromResult<object?>("done");
        })));

        var error = await FailsAsync(client.InvokeAsync("slow", ["spin"], new FitCallOptions { Timeout = TimeSpan.FromMilliseconds(30) }));
        Assert.Equal(FitErrorCode.TimedOut, error.Code);

        for (var i = 0; i < 100; i++)
        {
            Assert.Equal("done", await Within(client.InvokeAsync("slow", ["quick"], new FitCallOptions { Timeout = TimeSpan.FromMilliseconds(30) })));
        }
    }

    [Fact]
    public async Task Invoke_GenericableTimeout_Applies()
    {
        var time = new FakeTimeProvider();
        var options = new FitOptions();
        options.Route("slow").Timeout = TimeSpan.FromSeconds(2);
        var client = new FitClient(NewRegistry(Waiting("w")), options, timeProvider: time);

        var call = client.InvokeAsync("slow", ["x"]).AsTask();
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(call.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(FitErrorCode.TimedOut, (await Assert.ThrowsAsync<FitException>(() => call.WaitAsync(Patience))).Code);
    }

    [Fact]
    public async Task Invoke_DefaultTimeout_IsThirtySeconds()
    {
        var time = new FakeTimeProvider();
        var client = new FitClient(NewRegistry(Waiting("w")), new FitOptions(), timeProvider: time);

        var call = client.InvokeAsync("slow", ["x"]).AsTask();
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(call.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(FitErrorCode.TimedOut, (await Assert.ThrowsAsync<FitException>(() => call.WaitAsync(Patience))).Code);
    }

    [Fact]
    public async Task Invoke_TimeoutBeyondTimerRange_MeansNone()
    {
        var client = NewClient(NewRegistry(Local(Slow, "quick", (_, token) => ValueTask.FromResult<object?>(token.CanBeCanceled ? "armed" : "none"))));

        Assert.Equal("none", await Within(client.InvokeAsync("slow", ["x"], new FitCallOptions { Timeout = TimeSpan.FromDays(100) })));
        Assert.Equal("armed", await Within(client.InvokeAsync("slow", ["x"], new FitCallOptions { Timeout = TimeSpan.FromDays(1) })));
    }

    [Fact]
    public async Task Invoke_NegativeTimeout_TimesOutAtOnce()
    {
        var client = NewClient(NewRegistry(Waiting("w")));

        var error = await FailsAsync(client.InvokeAsync("slow", ["x"], new FitCallOptions { Timeout = TimeSpan.FromSeconds(-5) }));

        Assert.Equal(FitErrorCode.TimedOut, error.Code);
    }

    [Fact]
    public async Task Invoke_CallerCancels_ThrowsCanceled()
    {
        using var cancel = new CancellationTokenSource();
        var client = NewClient(NewRegistry(Deaf("d")));

        var call = client.InvokeAsync("slow", ["x"], cancellationToken: cancel.Token).AsTask();
        await cancel.CancelAsync();
        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(Patience));

        Assert.Equal(cancel.Token, error.CancellationToken);
    }

    [Fact]
    public async Task Invoke_AlreadyCancelled_DoesNotCallTheFitable()
    {
        var calls = 0;
        var client = NewClient(NewRegistry(Local(Slow, "x", (_, _) =>
        {
            Interlocked.Increment(ref calls);
            return ValueTask.FromResult<object?>("x");
        })));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            client.InvokeAsync("slow", ["x"], cancellationToken: new CancellationToken(true)).AsTask().WaitAsync(Patience));
        Assert.Equal(0, calls);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Invoke_TimeoutAndCancellationAtTheSameMoment_AlwaysReturns(bool fitableListens)
    {
        // Both fire from real timers set to the same instant, so each iteration races them on the thread pool. Each
        // call must end, as a cancellation or as a timeout, and never hang or end otherwise.
        var client = NewClient(NewRegistry(fitableListens ? Waiting("f") : Deaf("f")));
        var delay = TimeSpan.FromMilliseconds(1);
        var timedOut = 0;
        var cancelled = 0;
        for (var i = 0; i < RaceIterations; i++)
        {
            using var cancel = new CancellationTokenSource(delay);
            var call = client.InvokeAsync("slow", ["x"], new FitCallOptions { Timeout = delay }, cancel.Token).AsTask();
            try
            {
                await call.WaitAsync(Patience);
                Assert.Fail($"Iteration {i}: the call returned a result although it can only time out or be cancelled.");
            }
            catch (FitException e) when (e.Code == FitErrorCode.TimedOut)
            {
                timedOut++;
            }
            catch (OperationCanceledException e) when (e.CancellationToken == cancel.Token)
            {
                cancelled++;
            }
        }

        Assert.Equal(RaceIterations, timedOut + cancelled);
    }

    [Fact]
    public async Task Invoke_GenericableRetry_CallOverrides()
    {
        var attempts = 0;
        var options = new FitOptions();
        options.Route("slow").Retry = 3;
        var client = NewClient(NewRegistry(Local(Slow, "f", (_, _) =>
        {
            Interlocked.Increment(ref attempts);
            throw new InvalidOperationException("always");
        })), options);

        await FailsAsync(client.InvokeAsync("slow", ["x"]));
        Assert.Equal(4, attempts);

        attempts = 0;
        await FailsAsync(client.InvokeAsync("slow", ["x"], new FitCallOptions { Retry = 1 }));
        Assert.Equal(2, attempts);
    }

    [Fact]
    public async Task Invoke_DefaultRetry_IsNone()
    {
        var attempts = 0;
        var client = NewClient(NewRegistry(Local(Slow, "f", (_, _) =>
        {
            Interlocked.Increment(ref attempts);
            throw new InvalidOperationException("always");
        })));

        var error = await FailsAsync(client.InvokeAsync("slow", ["x"]));

        Assert.Equal(1, attempts);
        Assert.Equal(FitErrorCode.Faulted, error.Code);
        Assert.Equal(typeof(InvalidOperationException).FullName, error.RemoteErrorType);
    }

    [Fact]
    public async Task Invoke_RemoteTimeout_NamesFitableAndWorker()
    {
        var time = new FakeTimeProvider();
        var registry = new Registry.FitRegistry();
        registry.AddGenericable(Slow);
        registry.UpsertWorker(Worker("w-slow", "node-b", Descriptor("slow", "slow-1")));
        var transport = new Fakes.FakeTransport((_, _, _) => new TaskCompletionSource<Remote.FitResponse>().Task);
        var client = new FitClient(registry, new FitOptions { NodeId = "node-a" }, new Fakes.FakeCodec(), transport, timeProvider: time);

        var call = client.InvokeAsync("slow", ["x"], new FitCallOptions { Timeout = TimeSpan.FromSeconds(5) }).AsTask();
        await Eventually(() => !transport.Calls.IsEmpty);
        time.Advance(TimeSpan.FromSeconds(5));
        var error = await Assert.ThrowsAsync<FitException>(() => call.WaitAsync(Patience));

        Assert.Equal(FitErrorCode.TimedOut, error.Code);
        Assert.Equal("slow-1", error.FitableId);
        Assert.Equal("w-slow", error.WorkerId);
        Assert.Contains("fitable 'slow-1' on worker 'w-slow'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_LocalTimeout_NamesFitable()
    {
        var time = new FakeTimeProvider();
        var client = new FitClient(NewRegistry(Waiting("w")), new FitOptions(), timeProvider: time);

        var call = client.InvokeAsync("slow", ["x"], new FitCallOptions { Timeout = TimeSpan.FromSeconds(5) }).AsTask();
        time.Advance(TimeSpan.FromSeconds(5));
        var error = await Assert.ThrowsAsync<FitException>(() => call.WaitAsync(Patience));

        Assert.Equal("w", error.FitableId);
        Assert.Null(error.WorkerId);
        Assert.Contains("fitable 'w' in this process", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Waits until a condition holds, polling within the test's patience.</summary>
    private static async Task Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold in time.");
            await Task.Delay(10);
        }
    }
}
