using System.Collections.Concurrent;
using System.Diagnostics;
using ModelEngine.Fit.Client;
using ModelEngine.Fit.MassTransit.Hosting;
using ModelEngine.Fit.Remote;

namespace ModelEngine.Fit.Bus.Tests;

public sealed class BrokerRestartTests
{
    private static readonly TimeSpan s_callTimeout = TimeSpan.FromSeconds(2);

    /// <summary>How much later than its timeout a call may end: scheduling on a busy 2-core machine.</summary>
    private static readonly TimeSpan s_slack = TimeSpan.FromSeconds(2);

    [RabbitMqFact]
    public async Task ARestartingBroker_FailsOrCompletesEveryCallWithinItsTimeout_AndRecovers()
    {
        RabbitMqTestServer.RequireUri();
        Assert.True(PrivateRabbitMqNode.Unavailable is null, PrivateRabbitMqNode.Unavailable);
        await using var broker = await PrivateRabbitMqNode.StartAsync();
        var settings = new Dictionary<string, string?> { ["Fit:Bus:AliveTime"] = "00:00:04" };
        await using var worker = await FitNode.StartAsync(broker.Uri, FitBusRole.Worker, settings: settings);
        await using var caller = await FitNode.StartAsync(broker.Uri, FitBusRole.Caller, settings: settings);
        await FitNode.WaitUntilAsync(() => caller.Registry.Workers.Count == 1, TimeSpan.FromSeconds(30), "the worker joins");

        var outcomes = new ConcurrentQueue<(DateTime At, string Outcome, TimeSpan Elapsed)>();
        using var stop = new CancellationTokenSource();
        var loops = Enumerable.Range(0, 4).Select(_ => Task.Run(() => DispatchAsync(caller, outcomes, stop.Token))).ToArray();

        await FitNode.WaitUntilAsync(() => outcomes.Count(o => o.Outcome == "ok") >= 40, TimeSpan.FromSeconds(30), "calls flow before the restart");
        var restartedAt = DateTime.UtcNow;
        await broker.RestartAsync();
        var backAt = DateTime.UtcNow;

        await FitNode.WaitUntilAsync(
            () => outcomes.Any(o => o.At > backAt && o.Outcome == "ok"),
            TimeSpan.FromSeconds(60),
            "calls succeed again after the restart");
        await stop.CancelAsync();
        await Task.WhenAll(loops).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.All(outcomes, o => Assert.True(o.Elapsed <= s_callTimeout + s_slack, $"A call ended after {o.Elapsed} with {o.Outcome}."));
        Assert.DoesNotContain(outcomes, o => o.Outcome.StartsWith("unexpected", StringComparison.Ordinal));
        Assert.Contains(outcomes, o => o.At > restartedAt && o.Outcome != "ok");
        Assert.True(caller.Logs.Contains(6103), "The caller logs the lost connection.");
        Assert.True(caller.Logs.Contains(6104), "The caller logs the recovery.");
    }

    private static async Task DispatchAsync(FitNode caller, ConcurrentQueue<(DateTime, string, TimeSpan)> outcomes, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var workers = caller.Registry.GetWorkers(FitNode.GenericableId, FitNode.FitableId);
            if (workers.Count == 0)
            {
                await Task.Delay(50, CancellationToken.None);
                continue;
            }

            var watch = Stopwatch.StartNew();
            string outcome;
            try
            {
                // The wait bounds a hang: a call that never returns fails the test here.
                var response = await caller.Transport.InvokeAsync(workers[0], FitNode.Request("r", s_callTimeout), CancellationToken.None)
                    .WaitAsync(s_callTimeout + s_slack + TimeSpan.FromSeconds(5), CancellationToken.None);
                outcome = response.Status == FitResponseStatus.Ok ? "ok" : "status " + response.Status;
            }
            catch (FitException exception) when (exception.Code is FitErrorCode.Unavailable or FitErrorCode.TimedOut)
            {
                outcome = exception.Code.ToString();
                Assert.False(string.IsNullOrWhiteSpace(exception.Message));
            }
            catch (Exception exception)
            {
                outcome = "unexpected " + exception.GetType().Name + ": " + exception.Message;
            }

            outcomes.Enqueue((DateTime.UtcNow, outcome, watch.Elapsed));
            if (outcome != "ok")
            {
                await Task.Delay(20, CancellationToken.None);
            }
        }
    }
}
