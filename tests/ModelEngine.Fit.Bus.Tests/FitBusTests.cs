using System.Text;
using Microsoft.Extensions.Time.Testing;
using ModelEngine.Fit.Client;
using ModelEngine.Fit.MassTransit.Hosting;
using ModelEngine.Fit.Remote;

namespace ModelEngine.Fit.Bus.Tests;

public sealed class FitBusTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(20);

    [RabbitMqFact]
    public async Task InvokeAsync_ThroughRabbitMq_ReturnsTheWorkersResult()
    {
        var uri = RabbitMqTestServer.RequireUri();
        var executor = FakeExecutor.Echo();
        await using var worker = await FitNode.StartAsync(uri, FitBusRole.Worker, executor: executor);
        await using var caller = await FitNode.StartAsync(uri, FitBusRole.Caller);
        await FitNode.WaitUntilAsync(() => caller.Registry.Workers.Any(w => w.WorkerId == worker.Identity.WorkerId), s_wait, "the caller sees the worker");

        var info = caller.Registry.GetWorkers(FitNode.GenericableId, FitNode.FitableId).Single();
        var response = await caller.Transport.InvokeAsync(info, FitNode.Request("hello"), CancellationToken.None).WaitAsync(s_wait);

        Assert.Equal(FitResponseStatus.Ok, response.Status);
        Assert.Equal("hello", Encoding.UTF8.GetString(response.Result.Data.Span));
        Assert.Equal(worker.Identity.WorkerId, response.WorkerId);
        Assert.Equal(1, executor.Calls);
        Assert.Equal(0, caller.Transport.PendingCount);
    }

    [RabbitMqFact]
    public async Task Heartbeats_AddTheWorker_AndItsGoodbyeRemovesIt()
    {
        var uri = RabbitMqTestServer.RequireUri();
        await using var caller = await FitNode.StartAsync(uri, FitBusRole.Caller);
        var worker = await FitNode.StartAsync(uri, FitBusRole.Worker, settings: new Dictionary<string, string?> { ["Fit:Bus:TransferEndpoint"] = "127.0.0.1:7801" });
        await FitNode.WaitUntilAsync(() => caller.Registry.Workers.Any(w => w.WorkerId == worker.Identity.WorkerId), s_wait, "the worker joins");

        var info = caller.Registry.Workers.Single(w => w.WorkerId == worker.Identity.WorkerId);
        Assert.Equal("test-node", info.NodeId);
        Assert.Equal("fit.worker." + worker.Identity.WorkerId, info.Queue);
        Assert.Equal("127.0.0.1:7801", info.TransferEndpoint);
        Assert.Contains(info.Fitables, f => f.GenericableId == FitNode.GenericableId && f.Id == FitNode.FitableId);
        Assert.True(caller.Logs.Contains(6100));

        await worker.DisposeAsync();
        await FitNode.WaitUntilAsync(() => caller.Registry.Workers.All(w => w.WorkerId != info.WorkerId), s_wait, "the goodbye removes the worker");
        Assert.True(caller.Logs.Contains(6101));
    }

    [RabbitMqFact]
    public async Task Heartbeats_OfTheCallersOwnWorker_AreNotRegisteredAsRemote()
    {
        var uri = RabbitMqTestServer.RequireUri();
        await using var both = await FitNode.StartAsync(uri, FitBusRole.Caller | FitBusRole.Worker);
        await using var other = await FitNode.StartAsync(uri, FitBusRole.Worker);
        await FitNode.WaitUntilAsync(() => both.Registry.Workers.Any(w => w.WorkerId == other.Identity.WorkerId), s_wait, "the other worker joins");

        Assert.DoesNotContain(both.Registry.Workers, w => w.WorkerId == both.Identity.WorkerId);
    }

    [RabbitMqFact]
    public async Task Expiry_RemovesTheWorker_AndFailsItsPendingCallsAtOnce()
    {
        var uri = RabbitMqTestServer.RequireUri();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var hang = new FakeExecutor(async (_, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            throw new InvalidOperationException("unreachable");
        });

        // One heartbeat only: the period is far longer than the test. The caller starts first, so that its heartbeat
        // queue is bound before that single heartbeat goes out.
        await using var caller = await FitNode.StartAsync(uri, FitBusRole.Caller, timeProvider: time);
        await using var worker = await FitNode.StartAsync(uri, FitBusRole.Worker, executor: hang,
            settings: new Dictionary<string, string?> { ["Fit:Bus:HeartbeatPeriod"] = "01:00:00" });
        await FitNode.WaitUntilAsync(() => caller.Registry.Workers.Any(w => w.WorkerId == worker.Identity.WorkerId), s_wait, "the worker joins");

        var info = caller.Registry.Workers.Single(w => w.WorkerId == worker.Identity.WorkerId);
        var call = caller.Transport.InvokeAsync(info, FitNode.Request("stuck", TimeSpan.FromMinutes(10)), CancellationToken.None);
        await FitNode.WaitUntilAsync(() => hang.Running == 1, s_wait, "the worker runs the call");

        time.Advance(TimeSpan.FromSeconds(4));
        var failure = await Assert.ThrowsAsync<FitException>(() => call.WaitAsync(s_wait));

        Assert.Equal(FitErrorCode.Unavailable, failure.Code);
        Assert.Equal(worker.Identity.WorkerId, failure.WorkerId);
        Assert.Contains(worker.Identity.WorkerId, failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(caller.Registry.Workers, w => w.WorkerId == info.WorkerId);
        Assert.True(caller.Logs.Contains(6102));
    }

    [RabbitMqFact]
    public async Task TwoWorkers_TakeTurns_AndAStoppingWorkerFailsItsCallOver()
    {
        var uri = RabbitMqTestServer.RequireUri();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var slow = new FakeExecutor(async (request, ct) =>
        {
            if (Encoding.UTF8.GetString(request.Arguments[0].Data.Span) == "slow")
            {
                await release.Task.WaitAsync(ct);
            }

            return FakeExecutor.Ok(request);
        });
        var fast = FakeExecutor.Echo();
        var first = await FitNode.StartAsync(uri, FitBusRole.Worker, executor: slow);
        await using var second = await FitNode.StartAsync(uri, FitBusRole.Worker, executor: fast);
        await using var caller = await FitNode.StartAsync(uri, FitBusRole.Caller);
        await FitNode.WaitUntilAsync(() => caller.Registry.GetWorkers(FitNode.GenericableId, FitNode.FitableId).Count == 2, s_wait, "both workers join");

        // Round-robin over the registry's workers, as a dispatcher does.
        var workers = caller.Registry.GetWorkers(FitNode.GenericableId, FitNode.FitableId);
        var answeredBy = new List<string?>();
        for (var i = 0; i < 4; i++)
        {
            var response = await caller.Transport.InvokeAsync(workers[i % 2], FitNode.Request("x"), CancellationToken.None).WaitAsync(s_wait);
            answeredBy.Add(response.WorkerId);
        }

        Assert.Equal(2, answeredBy.Count(id => id == first.Identity.WorkerId));
        Assert.Equal(2, answeredBy.Count(id => id == second.Identity.WorkerId));

        var firstInfo = workers.Single(w => w.WorkerId == first.Identity.WorkerId);
        var pending = caller.Transport.InvokeAsync(firstInfo, FitNode.Request("slow", TimeSpan.FromMinutes(5)), CancellationToken.None);
        await FitNode.WaitUntilAsync(() => slow.Running == 1, s_wait, "the first worker runs the slow call");
        var stopping = first.DisposeAsync().AsTask();

        var failure = await Assert.ThrowsAsync<FitException>(() => pending.WaitAsync(s_wait));
        Assert.Equal(FitErrorCode.Unavailable, failure.Code);
        release.TrySetResult();
        await stopping.WaitAsync(s_wait);

        var left = caller.Registry.GetWorkers(FitNode.GenericableId, FitNode.FitableId).Single();
        Assert.Equal(second.Identity.WorkerId, left.WorkerId);
        var retried = await caller.Transport.InvokeAsync(left, FitNode.Request("again"), CancellationToken.None).WaitAsync(s_wait);
        Assert.Equal(FitResponseStatus.Ok, retried.Status);
    }

    [RabbitMqFact]
    public async Task InvokeAsync_WhenTimeoutAndCancellationFireTogether_AlwaysReturns()
    {
        var uri = RabbitMqTestServer.RequireUri();
        var never = new FakeExecutor(async (_, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            throw new InvalidOperationException("unreachable");
        });
        await using var worker = await FitNode.StartAsync(uri, FitBusRole.Worker, executor: never,
            settings: new Dictionary<string, string?> { ["Fit:Bus:ConcurrentMessageLimit"] = "64", ["Fit:Bus:PrefetchCount"] = "64" });
        await using var caller = await FitNode.StartAsync(uri, FitBusRole.Caller,
            settings: new Dictionary<string, string?> { ["Fit:Bus:MaxInFlightPerWorker"] = "1000" });
        await FitNode.WaitUntilAsync(() => caller.Registry.Workers.Any(w => w.WorkerId == worker.Identity.WorkerId), s_wait, "the worker joins");
        var info = caller.Registry.Workers.Single(w => w.WorkerId == worker.Identity.WorkerId);

        var iterations = RabbitMqTestServer.FullStress ? 2000 : 200;
        var outcomes = new int[3];
        for (var batch = 0; batch < iterations / 50; batch++)
        {
            var calls = Enumerable.Range(0, 50).Select(async i =>
            {
                var delay = TimeSpan.FromMilliseconds(5 + (i % 10));
                using var cts = new CancellationTokenSource(delay);
                try
                {
                    // The worker stops at the same timeout and may still respond TimedOut before the caller gives up.
                    var response = await caller.Transport.InvokeAsync(info, FitNode.Request("race", delay), cts.Token);
                    Assert.Equal(FitResponseStatus.TimedOut, response.Status);
                    Interlocked.Increment(ref outcomes[2]);
                }
                catch (OperationCanceledException)
                {
                    Interlocked.Increment(ref outcomes[0]);
                }
                catch (FitException exception) when (exception.Code == FitErrorCode.TimedOut)
                {
                    Interlocked.Increment(ref outcomes[1]);
                }
            });

            await Task.WhenAll(calls).WaitAsync(s_wait);
        }

        Assert.Equal(iterations, outcomes[0] + outcomes[1] + outcomes[2]);
        Assert.Equal(0, caller.Transport.PendingCount);
    }

    [RabbitMqFact]
    public async Task InvokeAsync_WhenTimeoutAndCancellationFireInTheSameTick_AlwaysReturns()
    {
        var uri = RabbitMqTestServer.RequireUri();
        var never = new FakeExecutor(async (_, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            throw new InvalidOperationException("unreachable");
        });
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        // The worker's heartbeats keep it alive for a day of the caller's fake clock, which the test moves fast.
        await using var worker = await FitNode.StartAsync(uri, FitBusRole.Worker, executor: never,
            settings: new Dictionary<string, string?> { ["Fit:Bus:AliveTime"] = "1.00:00:00" });
        await using var caller = await FitNode.StartAsync(uri, FitBusRole.Caller, timeProvider: time);
        await FitNode.WaitUntilAsync(() => caller.Registry.Workers.Any(w => w.WorkerId == worker.Identity.WorkerId), s_wait, "the worker joins");
        var info = caller.Registry.Workers.Single(w => w.WorkerId == worker.Identity.WorkerId);

        var iterations = RabbitMqTestServer.FullStress ? 1000 : 100;
        for (var i = 0; i < iterations; i++)
        {
            // Both the call's deadline and the caller's token hang on the same fake clock, so one Advance fires both.
            using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(1), time);
            var call = caller.Transport.InvokeAsync(info, FitNode.Request("tick", TimeSpan.FromMinutes(1)), cts.Token);
            await FitNode.WaitUntilAsync(() => caller.Transport.PendingCount == 1 || call.IsCompleted, s_wait, "the call is pending");
            time.Advance(TimeSpan.FromMinutes(1));

            var failure = await Record.ExceptionAsync(() => call.WaitAsync(s_wait));
            Assert.True(
                failure is OperationCanceledException or FitException { Code: FitErrorCode.TimedOut },
                $"Iteration {i} ended with {failure?.GetType().Name ?? "a response"}: {failure?.Message}");
        }

        Assert.Equal(0, caller.Transport.PendingCount);
    }

    [RabbitMqFact]
    public async Task ASlowWorker_BoundsTheCallersInFlightRequests()
    {
        var uri = RabbitMqTestServer.RequireUri();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var slow = new FakeExecutor(async (request, ct) =>
        {
            await gate.Task.WaitAsync(ct);
            return FakeExecutor.Ok(request);
        });
        await using var worker = await FitNode.StartAsync(uri, FitBusRole.Worker, executor: slow,
            settings: new Dictionary<string, string?> { ["Fit:Bus:ConcurrentMessageLimit"] = "2", ["Fit:Bus:PrefetchCount"] = "2" });
        await using var caller = await FitNode.StartAsync(uri, FitBusRole.Caller,
            settings: new Dictionary<string, string?> { ["Fit:Bus:MaxInFlightPerWorker"] = "4" });
        await FitNode.WaitUntilAsync(() => caller.Registry.Workers.Any(w => w.WorkerId == worker.Identity.WorkerId), s_wait, "the worker joins");
        var info = caller.Registry.Workers.Single(w => w.WorkerId == worker.Identity.WorkerId);

        var payload = new string('p', 64 * 1024);
        var calls = Enumerable.Range(0, 40)
            .Select(_ => caller.Transport.InvokeAsync(info, FitNode.Request(payload, TimeSpan.FromMinutes(2)), CancellationToken.None))
            .ToArray();
        await FitNode.WaitUntilAsync(() => slow.Running == 2, s_wait, "the worker runs as many calls as its limit");

        // While the worker is stuck, no more than the credit count of requests is ever encoded and sent.
        for (var sample = 0; sample < 50; sample++)
        {
            Assert.InRange(caller.Transport.PendingCount, 0, 4);
            Assert.InRange(slow.Running, 0, 2);
            await Task.Delay(10);
        }

        gate.TrySetResult();
        var responses = await Task.WhenAll(calls).WaitAsync(s_wait);
        Assert.All(responses, r => Assert.Equal(FitResponseStatus.Ok, r.Status));
        Assert.Equal(2, slow.Peak);
        Assert.Equal(40, slow.Calls);
    }

    [Fact]
    public async Task Invoke_BrokerDown_FailsUnavailable()
    {
        // Port 1 on loopback refuses connections, so the bus never connects.
        await using var caller = await FitNode.StartAsync("amqp://guest:guest@127.0.0.1:1/", FitBusRole.Caller, waitForBroker: false);
        var worker = new ModelEngine.Fit.Registry.FitWorkerInfo { WorkerId = "absent", NodeId = "n", Queue = "fit.worker.absent", Fitables = [] };

        var failure = await Assert.ThrowsAsync<FitException>(() =>
            caller.Transport.InvokeAsync(worker, FitNode.Request("x", TimeSpan.FromSeconds(2)), CancellationToken.None).WaitAsync(s_wait));

        Assert.Equal(FitErrorCode.Unavailable, failure.Code);
        Assert.Contains("absent", failure.Message, StringComparison.Ordinal);
        Assert.Contains("lost RabbitMQ", failure.Message, StringComparison.Ordinal);
    }
}
