using Microsoft.Extensions.DependencyInjection;
using ModelEngine.Server.Scheduling;
using ModelEngine.Server.Tests.Infrastructure;
using ModelEngine.Workflows.Persistence;

namespace ModelEngine.Server.Tests;

/// <summary>Drives the timer jobs directly, with Hangfire off, against the real SQLite store.</summary>
public sealed class TimerJobTests : IClassFixture<ServerFactory>
{
    private readonly ServerFactory _factory;

    public TimerJobTests(ServerFactory factory)
    {
        _factory = factory;
    }

    [Fact]
    public async Task Fire_DueTimer_ResumesOnce()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        await Fixtures.PublishAsync(dave, Fixtures.LoadAs(Fixtures.DelayedGreeting, "timer-fire"));
        var instanceId = await Instances.DispatchAsync(dave, "timer-fire", new { });
        await Instances.WaitForSubStatusAsync(dave, instanceId, "Suspended");
        var timer = await FindTimerAsync(instanceId);

        using var scope = _factory.Services.CreateScope();
        var job = scope.ServiceProvider.GetRequiredService<DurableTimerJob>();
        var fired = await job.FireAsync(timer.Id, timer.WorkflowInstanceId, timer.BookmarkId, CancellationToken.None).WaitAsync(Timeouts.Request);
        var firedAgain = await job.FireAsync(timer.Id, timer.WorkflowInstanceId, timer.BookmarkId, CancellationToken.None).WaitAsync(Timeouts.Request);

        Assert.True(fired, $"The first FireAsync of timer {timer.Id} did not resume the bookmark.");
        Assert.False(firedAgain, $"The second FireAsync of timer {timer.Id} fired again.");
        var finished = await Instances.WaitForSubStatusAsync(dave, instanceId, "Finished");
        Assert.Equal("hello after the delay", finished["output"]?["greeting"]?.GetValue<string>());
    }

    [Fact]
    public async Task Fire_ConsumedBookmark_IsNoOp()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        await Fixtures.PublishAsync(dave, Fixtures.LoadAs(Fixtures.DelayedGreeting, "timer-cancelled"));
        var instanceId = await Instances.DispatchAsync(dave, "timer-cancelled", new { });
        await Instances.WaitForSubStatusAsync(dave, instanceId, "Suspended");
        var timer = await FindTimerAsync(instanceId);
        var admin = await _factory.CreateClientForAsync("admin");
        await admin.PostObjectAsync($"/api/workflow-instances/{instanceId}/cancel", null);

        using var scope = _factory.Services.CreateScope();
        var job = scope.ServiceProvider.GetRequiredService<DurableTimerJob>();
        var fired = await job.FireAsync(timer.Id, timer.WorkflowInstanceId, timer.BookmarkId, CancellationToken.None).WaitAsync(Timeouts.Request);

        Assert.False(fired, $"Timer {timer.Id} fired after its instance was cancelled.");
        var instance = await dave.GetObjectAsync($"/api/workflow-instances/{instanceId}");
        Assert.Equal("Cancelled", instance["subStatus"]?.GetValue<string>());
    }

    [Fact]
    public async Task Sweep_FindsPendingTimer()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        await Fixtures.PublishAsync(dave, Fixtures.LoadAs(Fixtures.DelayedGreeting, "timer-sweep"));
        var instanceId = await Instances.DispatchAsync(dave, "timer-sweep", new { });
        await Instances.WaitForSubStatusAsync(dave, instanceId, "Suspended");

        using var scope = _factory.Services.CreateScope();
        var sweep = scope.ServiceProvider.GetRequiredService<TimerSweepJob>();
        var count = await sweep.SweepAsync(CancellationToken.None).WaitAsync(Timeouts.Request);

        Assert.True(count >= 1, $"The sweep scheduled {count} timers; the timer of instance {instanceId} is due within a minute.");
    }

    private async Task<DurableTimer> FindTimerAsync(string instanceId)
    {
        var store = _factory.Services.GetRequiredService<IDurableTimerStore>();
        return await Eventually.WaitAsync(
            async () => (await store.ListDueAsync(DateTimeOffset.UtcNow.AddHours(1), 1000)).FirstOrDefault(timer => timer.WorkflowInstanceId == instanceId),
            timer => timer is not null,
            $"the timer row of workflow instance {instanceId}") ?? throw new InvalidOperationException("unreachable");
    }
}
