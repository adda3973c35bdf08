using System.Text.Json.Nodes;
using ModelEngine.Workflows.Runtime;
using ModelEngine.Workflows.Tests.Support;
using static ModelEngine.Workflows.Tests.Support.Json;

namespace ModelEngine.Workflows.Tests.Activities;

public sealed class EventTests
{
    private static async Task<string> PublishAsync(EngineHarness engine)
    {
        var wait = Activity("wait", "Elsa.Event", ("eventName", Literal("PaymentReceived", "String")));
        return await engine.PublishAsync(
            Array(wait, Activity("out", "Elsa.SetOutput", ("outputName", Literal("paid", "String")), ("outputValue", Expr("JavaScript", "getLastResult().amount")))),
            Array(Connect("wait", "out")));
    }

    [Fact]
    public async Task Trigger_WithCorrelation_ResumesOnlyThatInstance()
    {
        using var engine = new EngineHarness();
        var id = await PublishAsync(engine);
        var first = await engine.Runtime.ExecuteAsync(new StartWorkflowRequest(id, CorrelationId: "order-1"));
        var second = await engine.Runtime.ExecuteAsync(new StartWorkflowRequest(id, CorrelationId: "order-2"));

        var resumed = await engine.Runtime.TriggerEventAsync("PaymentReceived", "order-1", new JsonObject { ["amount"] = 40 });
        var finished = await engine.RunPendingAsync(first.Summary.Id);

        Assert.Equal([first.Summary.Id], resumed);
        Assert.Equal(40, finished.Output["paid"]!.GetValue<int>());
        Assert.Equal(WorkflowSubStatus.Suspended, (await engine.Runtime.GetAsync(second.Summary.Id))!.Summary.SubStatus);
    }

    [Fact]
    public async Task Trigger_Twice_ResumesOnce()
    {
        using var engine = new EngineHarness();
        var id = await PublishAsync(engine);
        var instance = await engine.Runtime.ExecuteAsync(new StartWorkflowRequest(id));

        var firstTrigger = await engine.Runtime.TriggerEventAsync("PaymentReceived", null, new JsonObject { ["amount"] = 1 });
        var secondTrigger = await engine.Runtime.TriggerEventAsync("PaymentReceived", null, new JsonObject { ["amount"] = 2 });
        var finished = await engine.RunPendingAsync(instance.Summary.Id);

        Assert.Single(firstTrigger);
        Assert.Empty(secondTrigger);
        Assert.Equal(1, finished.Output["paid"]!.GetValue<int>());
    }

    [Fact]
    public async Task Trigger_OtherName_ResumesNothing()
    {
        using var engine = new EngineHarness();
        var id = await PublishAsync(engine);
        await engine.Runtime.ExecuteAsync(new StartWorkflowRequest(id));

        Assert.Empty(await engine.Runtime.TriggerEventAsync("paymentreceived", null, null));
    }
}
