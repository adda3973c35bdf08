using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ModelEngine.Workflows.Activities;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Persistence.InMemory;
using ModelEngine.Workflows.Runtime;
using ModelEngine.Workflows.Runtime.Leases;
using ModelEngine.Workflows.Tests.Support;
using static ModelEngine.Workflows.Tests.Support.Json;

namespace ModelEngine.Workflows.Tests.Runtime;

/// <summary>
/// The runtime under instance leases: two runtimes share one store and one lease store, as two nodes share a
/// database, each with its own fake clock.
/// </summary>
public sealed class LeaseTests : IDisposable
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(30);

    private readonly InMemoryWorkflowLeaseStore _leases = new();
    private readonly EngineHarness _nodeA;

    public LeaseTests()
    {
        _nodeA = Node("node-a", store: null);
    }

    public void Dispose() => _nodeA.Dispose();

    [Fact]
    public async Task RunPending_LeaseHeldElsewhere_SkipsInstance()
    {
        var instanceId = await DispatchGatedAsync();
        var now = _nodeA.Clock.GetUtcNow();
        Assert.True(await _leases.TryAcquireAsync(instanceId, "node-b", now, now + Duration));

        await _nodeA.Runtime.RunPendingAsync(instanceId).WaitAsync(EngineHarness.Timeout);

        var summary = await _nodeA.Instances.FindSummaryAsync(instanceId);
        Assert.Equal(WorkflowSubStatus.Pending, summary?.SubStatus);
        Assert.Equal("node-b", (await _leases.FindAsync(instanceId))?.OwnerId);
    }

    [Fact]
    public async Task Resume_LeaseHeldPastWait_ThrowsBusy()
    {
        var instanceId = await DispatchGatedAsync();
        var now = _nodeA.Clock.GetUtcNow();
        Assert.True(await _leases.TryAcquireAsync(instanceId, "node-b", now, now + TimeSpan.FromSeconds(12)));

        var busy = await Assert.ThrowsAsync<WorkflowInstanceBusyException>(
            () => _nodeA.Runtime.ResumeAsync(new ResumeWorkflowRequest(instanceId, "no-bookmark")).WaitAsync(EngineHarness.Timeout));

        Assert.Equal(instanceId, busy.InstanceId);
        Assert.Equal(TimeSpan.FromSeconds(12), busy.RetryAfter);
        Assert.Contains("node-b", busy.Message);
    }

    [Fact]
    public async Task RunPending_StepRunning_RenewsLease()
    {
        var instanceId = await DispatchGatedAsync();
        var gate = GatedStep.Arm();

        var run = _nodeA.Runtime.RunPendingAsync(instanceId);
        await gate.Entered.Task.WaitAsync(EngineHarness.Timeout);
        _nodeA.Clock.Advance(TimeSpan.FromSeconds(25));

        // Renewals at 10 s and 20 s moved the expiry past the first 30 s.
        var lease = await _leases.FindAsync(instanceId);
        Assert.Equal("node-a", lease?.OwnerId);
        Assert.True(lease!.ExpiresAt >= _nodeA.Clock.GetUtcNow() + TimeSpan.FromSeconds(25), $"The lease expires at {lease.ExpiresAt:O}.");
        var later = _nodeA.Clock.GetUtcNow() + TimeSpan.FromSeconds(6);
        Assert.False(await _leases.TryAcquireAsync(instanceId, "node-b", later, later + Duration), "node-b took a lease that node-a kept renewing.");

        gate.Release.TrySetResult();
        await run.WaitAsync(EngineHarness.Timeout);
        Assert.Equal(WorkflowSubStatus.Finished, (await _nodeA.Instances.FindSummaryAsync(instanceId))?.SubStatus);
        Assert.Null(await _leases.FindAsync(instanceId));
    }

    [Fact]
    public async Task RunPending_LeaseTakenOver_CommitsNothing()
    {
        var instanceId = await DispatchGatedAsync();
        var before = await _nodeA.Instances.FindSummaryAsync(instanceId);
        var gate = GatedStep.Arm();

        var run = _nodeA.Runtime.RunPendingAsync(instanceId);
        await gate.Entered.Task.WaitAsync(EngineHarness.Timeout);

        // node-b's clock is past node-a's expiry, so it takes the lease; node-a's next renewal then fails.
        var stolenAt = _nodeA.Clock.GetUtcNow() + Duration;
        Assert.True(await _leases.TryAcquireAsync(instanceId, "node-b", stolenAt, stolenAt + Duration));
        _nodeA.Clock.Advance(TimeSpan.FromSeconds(10));
        gate.Release.TrySetResult();

        await Assert.ThrowsAsync<WorkflowInstanceBusyException>(() => run.WaitAsync(EngineHarness.Timeout));
        var after = await _nodeA.Instances.FindSummaryAsync(instanceId);
        Assert.Equal(before?.Revision, after?.Revision);
        Assert.Equal(WorkflowSubStatus.Pending, after?.SubStatus);
        Assert.Equal("node-b", (await _leases.FindAsync(instanceId))?.OwnerId);
    }

    [Fact]
    public async Task RunPending_LateCommit_RevisionRejects()
    {
        var instanceId = await DispatchGatedAsync();
        var gate = GatedStep.Arm();
        var run = _nodeA.Runtime.RunPendingAsync(instanceId);
        await gate.Entered.Task.WaitAsync(EngineHarness.Timeout);

        // node-b's clock is past node-a's expiry. node-a has not noticed, because its own clock has not moved, so only
        // the revision check keeps its late commit from overwriting node-b's.
        using var nodeB = Node("node-b", _nodeA.Services.GetRequiredService<InMemoryWorkflowStore>());
        nodeB.Clock.Advance(Duration + TimeSpan.FromSeconds(1));
        await Task.Run(() =>
        {
            GatedStep.Disarm();
            return nodeB.Runtime.RunPendingAsync(instanceId);
        }).WaitAsync(EngineHarness.Timeout);
        Assert.Equal(WorkflowSubStatus.Finished, (await nodeB.Instances.FindSummaryAsync(instanceId))?.SubStatus);
        gate.Release.TrySetResult();

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => run.WaitAsync(EngineHarness.Timeout));
        var journal = await _nodeA.JournalAsync(instanceId);
        Assert.Single(journal, entry => entry.EventName == JournalEvents.WorkflowFinished);
    }

    private EngineHarness Node(string nodeId, InMemoryWorkflowStore? store) => new(services =>
    {
        services.AddActivity<GatedStep>();
        services.Replace(ServiceDescriptor.Singleton<IWorkflowLeaseStore>(_leases));
        services.Configure<WorkflowLeaseOptions>(options =>
        {
            options.NodeId = nodeId;
            options.LeaseDuration = Duration;
            options.LeaseWait = TimeSpan.Zero;
        });
        if (store is not null)
        {
            services.Replace(ServiceDescriptor.Singleton(store));
        }
    });

    private async Task<string> DispatchGatedAsync()
    {
        var definitionId = await _nodeA.PublishAsync(Array(Activity("gate", "Tests.GatedStep")), Array());
        return await _nodeA.Runtime.DispatchAsync(new StartWorkflowRequest(definitionId)).WaitAsync(EngineHarness.Timeout);
    }

    /// <summary>Blocks the step that armed it until the test releases it; a step on another flow of control runs straight through.</summary>
    [Activity("Tests", "Tests")]
    public sealed class GatedStep : Activity
    {
        private static readonly AsyncLocal<Gate?> s_gate = new();

        public static Gate Arm()
        {
            var gate = new Gate();
            s_gate.Value = gate;
            return gate;
        }

        /// <summary>Lets steps started from the current flow of control run through, as on another node.</summary>
        public static void Disarm() => s_gate.Value = null;

        protected internal override async ValueTask ExecuteAsync(ActivityExecutionContext context)
        {
            if (s_gate.Value is { } gate)
            {
                gate.Entered.TrySetResult();
                await gate.Release.Task.WaitAsync(EngineHarness.Timeout);
            }
        }

        public sealed class Gate
        {
            public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

            public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }
}
