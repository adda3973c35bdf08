using ModelEngine.Workflows.Runtime;
using ModelEngine.Workflows.Tests.Support;
using static ModelEngine.Workflows.Tests.Support.Json;

namespace ModelEngine.Workflows.Tests.Activities;

public sealed class IdempotencyTests
{
    [Fact]
    public async Task Dispatch_RepeatedKey_ReturnsFirstInstance()
    {
        using var engine = new EngineHarness();
        var id = await engine.PublishAsync(Array(Activity("w", "Elsa.WriteLine", ("text", Literal("hi", "String")))), Array());

        var first = await engine.Runtime.DispatchAsync(new StartWorkflowRequest(id, Initiator: "alice", IdempotencyKey: "order-1"));
        var again = await engine.Runtime.DispatchAsync(new StartWorkflowRequest(id, Initiator: "alice", IdempotencyKey: "order-1"));
        var otherKey = await engine.Runtime.DispatchAsync(new StartWorkflowRequest(id, Initiator: "alice", IdempotencyKey: "order-2"));
        var otherCaller = await engine.Runtime.DispatchAsync(new StartWorkflowRequest(id, Initiator: "bob", IdempotencyKey: "order-1"));

        Assert.Equal(first, again);
        Assert.NotEqual(first, otherKey);
        Assert.NotEqual(first, otherCaller);
        var all = await engine.Instances.ListAsync(new Workflows.Persistence.InstanceListQuery(new Workflows.Persistence.PageRequest()));
        Assert.Equal(3, all.TotalCount);
    }
}
