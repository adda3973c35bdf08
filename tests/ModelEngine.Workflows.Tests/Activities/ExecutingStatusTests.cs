using ModelEngine.Workflows.Activities;
using ModelEngine.Workflows.Runtime;
using ModelEngine.Workflows.Tests.Support;
using static ModelEngine.Workflows.Tests.Support.Json;

namespace ModelEngine.Workflows.Tests.Activities;

public sealed class ExecutingStatusTests
{
    [Fact]
    public async Task GetAsync_DuringStep_ReportsExecuting()
    {
        using var engine = new EngineHarness(services => services.AddActivity<GatedActivity>());
        var id = await engine.PublishAsync(Array(Activity("gate", "Tests.GatedActivity")), Array());
        var instanceId = await engine.Runtime.DispatchAsync(new StartWorkflowRequest(id)).WaitAsync(EngineHarness.Timeout);

        var run = engine.Runtime.RunPendingAsync(instanceId);
        await GatedActivity.Entered.Task.WaitAsync(EngineHarness.Timeout);
        var during = await engine.Runtime.GetAsync(instanceId).WaitAsync(EngineHarness.Timeout);
        GatedActivity.Release.TrySetResult();
        await run.WaitAsync(EngineHarness.Timeout);
        var after = await engine.Runtime.GetAsync(instanceId).WaitAsync(EngineHarness.Timeout);

        Assert.Equal(WorkflowSubStatus.Executing, during!.Summary.SubStatus);
        Assert.Equal(WorkflowSubStatus.Finished, after!.Summary.SubStatus);
    }

    [Activity("Tests", "Tests")]
    public sealed class GatedActivity : Activity
    {
        public static TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public static TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected internal override async ValueTask ExecuteAsync(ActivityExecutionContext context)
        {
            Entered.TrySetResult();
            await Release.Task.WaitAsync(EngineHarness.Timeout);
        }
    }
}
