using System.Net;
using ModelEngine.Server.Tests.Infrastructure;

namespace ModelEngine.Server.Tests;

public sealed class InstanceEndpointTests : IClassFixture<ServerFactory>
{
    private readonly ServerFactory _factory;

    public InstanceEndpointTests(ServerFactory factory)
    {
        _factory = factory;
    }

    [Fact]
    public async Task Get_VisibleToInitiatorCandidatesAndDesigners()
    {
        var (instanceId, alice) = await StartWaitingInstanceAsync("visibility");
        var bob = await _factory.CreateClientForAsync("bob");
        var carol = await _factory.CreateClientForAsync("carol");
        var dave = await _factory.CreateClientForAsync("dave");
        await Instances.WaitForTaskAsync(bob, instanceId);

        var asInitiator = await alice.GetObjectAsync($"/api/workflow-instances/{instanceId}");
        await bob.GetObjectAsync($"/api/workflow-instances/{instanceId}");
        await dave.GetObjectAsync($"/api/workflow-instances/{instanceId}");
        await carol.GetObjectAsync($"/api/workflow-instances/{instanceId}", HttpStatusCode.NotFound);

        Assert.Equal(instanceId, asInitiator["id"]?.GetValue<string>());
        Assert.Equal("Running", asInitiator["status"]?.GetValue<string>());
        Assert.Equal("Suspended", asInitiator["subStatus"]?.GetValue<string>());
        Assert.Equal(5000, asInitiator["input"]?["amount"]?.GetValue<int>());
        Assert.NotNull(asInitiator["variables"]);
        Assert.NotNull(asInitiator["incidents"]);
        Assert.NotNull(asInitiator["version"]);
    }

    [Fact]
    public async Task Get_UnknownId_Returns404Problem()
    {
        var admin = await _factory.CreateClientForAsync("admin");

        var problem = await admin.GetObjectAsync("/api/workflow-instances/does-not-exist", HttpStatusCode.NotFound);

        Assert.Contains("does-not-exist", problem["detail"]?.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_FiltersByDefinitionAndVisibility()
    {
        var (instanceId, alice) = await StartWaitingInstanceAsync("listed");
        var carol = await _factory.CreateClientForAsync("carol");

        var mine = await alice.GetObjectAsync("/api/workflow-instances?definitionId=listed&status=Running&subStatus=Suspended&pageSize=10");
        var carols = await carol.GetObjectAsync("/api/workflow-instances?definitionId=listed");

        var item = Assert.Single(mine["items"]!.AsArray());
        Assert.Equal(instanceId, item?["id"]?.GetValue<string>());
        Assert.Equal(1, mine["totalCount"]!.GetValue<long>());
        Assert.Empty(carols["items"]!.AsArray());
    }

    [Fact]
    public async Task List_InvalidStatus_Returns400NamingParameter()
    {
        var admin = await _factory.CreateClientForAsync("admin");

        var problem = await admin.GetObjectAsync("/api/workflow-instances?status=Sleeping", HttpStatusCode.BadRequest);

        Assert.Equal("status", problem["parameter"]?.GetValue<string>());
        Assert.Equal("Sleeping", problem["value"]?.GetValue<string>());
    }

    [Fact]
    public async Task Journal_IsPagedForReaders()
    {
        var (instanceId, alice) = await StartWaitingInstanceAsync("journal");
        var carol = await _factory.CreateClientForAsync("carol");

        var firstPage = await alice.GetObjectAsync($"/api/workflow-instances/{instanceId}/journal?pageSize=1");
        await carol.GetObjectAsync($"/api/workflow-instances/{instanceId}/journal", HttpStatusCode.NotFound);

        Assert.Single(firstPage["items"]!.AsArray());
        Assert.True(firstPage["totalCount"]!.GetValue<long>() > 1, $"The journal has {firstPage["totalCount"]} records, expected several.");
        Assert.NotNull(firstPage["items"]![0]!["eventName"]);
    }

    [Fact]
    public async Task Cancel_ChecksInitiatorThenCancels()
    {
        var (instanceId, alice) = await StartWaitingInstanceAsync("cancelled");
        var bob = await _factory.CreateClientForAsync("bob");
        var carol = await _factory.CreateClientForAsync("carol");
        var task = await Instances.WaitForTaskAsync(bob, instanceId);

        await carol.PostObjectAsync($"/api/workflow-instances/{instanceId}/cancel", null, HttpStatusCode.NotFound);
        await bob.PostObjectAsync($"/api/workflow-instances/{instanceId}/cancel", null, HttpStatusCode.Forbidden);
        var cancelled = await alice.PostObjectAsync($"/api/workflow-instances/{instanceId}/cancel", null);
        await alice.PostObjectAsync($"/api/workflow-instances/{instanceId}/cancel", null, HttpStatusCode.Conflict);

        Assert.Equal("Cancelled", cancelled["subStatus"]?.GetValue<string>());
        Assert.Null(Instances.FindTask(await bob.GetObjectAsync("/api/tasks"), instanceId));
        var admin = await _factory.CreateClientForAsync("admin");
        var exited = await admin.GetObjectAsync($"/api/tasks/{task["id"]}");
        Assert.Equal("Exited", exited["status"]?.GetValue<string>());
    }

    [Fact]
    public async Task Retry_FaultedInstance_RunsFailedWorkAgain()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        var alice = await _factory.CreateClientForAsync("alice");
        var model = Fixtures.LoadAs(Fixtures.SlowScript, "retried");
        model["root"]!["activities"]![1]!["outputValue"]!["expression"]!["value"] = "(function () { throw new Error('always fails'); })()";
        await Fixtures.PublishAsync(dave, model);
        var instanceId = await Instances.DispatchAsync(alice, "retried", new { });
        await Instances.WaitForSubStatusAsync(alice, instanceId, "Faulted");

        await dave.PostObjectAsync($"/api/workflow-instances/{instanceId}/retry", null, HttpStatusCode.Forbidden);
        var retried = await alice.PostObjectAsync($"/api/workflow-instances/{instanceId}/retry", null);

        Assert.Equal("Pending", retried["subStatus"]?.GetValue<string>());
        Assert.Empty(retried["incidents"]!.AsArray());
        var faultedAgain = await Instances.WaitForSubStatusAsync(alice, instanceId, "Faulted");
        Assert.Single(faultedAgain["incidents"]!.AsArray());
        var journal = await alice.GetObjectAsync($"/api/workflow-instances/{instanceId}/journal?pageSize=1000");
        Assert.Contains(journal["items"]!.AsArray(), entry => entry?["eventName"]?.GetValue<string>() == "WorkflowRetried");
    }

    [Fact]
    public async Task Retry_RunningInstance_Returns409()
    {
        var (instanceId, alice) = await StartWaitingInstanceAsync("retry-running");

        await alice.PostObjectAsync($"/api/workflow-instances/{instanceId}/retry", null, HttpStatusCode.Conflict);
    }

    private async Task<(string InstanceId, HttpClient Alice)> StartWaitingInstanceAsync(string definitionId)
    {
        var dave = await _factory.CreateClientForAsync("dave");
        var alice = await _factory.CreateClientForAsync("alice");
        await Fixtures.PublishAsync(dave, Fixtures.LoadAs(Fixtures.PurchaseApproval, definitionId));
        var instanceId = await Instances.DispatchAsync(alice, definitionId, new { amount = 5000, item = "Laptop" });
        await Instances.WaitForSubStatusAsync(alice, instanceId, "Suspended");
        return (instanceId, alice);
    }
}
