using System.Net;
using ModelEngine.Server.Tests.Infrastructure;

namespace ModelEngine.Server.Tests;

public sealed class InstanceDeleteEndpointTests : IClassFixture<ServerFactory>
{
    private readonly ServerFactory _factory;

    public InstanceDeleteEndpointTests(ServerFactory factory)
    {
        _factory = factory;
    }

    [Fact]
    public async Task Delete_FinishedByInitiator_Returns204()
    {
        var alice = await _factory.CreateClientForAsync("alice");
        var instanceId = await StartAsync(alice, "delete-finished", amount: 5);
        await Instances.WaitForSubStatusAsync(alice, instanceId, "Finished");

        var response = await alice.DeleteAsync($"/api/workflow-instances/{instanceId}").WaitAsync(Timeouts.Request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await alice.GetObjectAsync($"/api/workflow-instances/{instanceId}", HttpStatusCode.NotFound);
        await alice.GetObjectAsync($"/api/workflow-instances/{instanceId}/journal", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Delete_RunningByInitiator_Returns403()
    {
        var alice = await _factory.CreateClientForAsync("alice");
        var instanceId = await StartAsync(alice, "delete-running-initiator", amount: 25_000);
        await Instances.WaitForSubStatusAsync(alice, instanceId, "Suspended");

        var response = await alice.DeleteAsync($"/api/workflow-instances/{instanceId}?force=true").WaitAsync(Timeouts.Request);

        var problem = await response.ReadObjectAsync(HttpStatusCode.Forbidden);
        Assert.Contains("'admins'", problem["detail"]?.GetValue<string>(), StringComparison.Ordinal);
        await Instances.WaitForSubStatusAsync(alice, instanceId, "Suspended");
    }

    [Fact]
    public async Task Delete_RunningByAdmin_NeedsForce()
    {
        var alice = await _factory.CreateClientForAsync("alice");
        var admin = await _factory.CreateClientForAsync("admin");
        var bob = await _factory.CreateClientForAsync("bob");
        var instanceId = await StartAsync(alice, "delete-running-admin", amount: 25_000);
        var task = await Instances.WaitForTaskAsync(bob, instanceId);

        var refused = await admin.DeleteAsync($"/api/workflow-instances/{instanceId}").WaitAsync(Timeouts.Request);
        var problem = await refused.ReadObjectAsync(HttpStatusCode.Conflict);
        var forced = await admin.DeleteAsync($"/api/workflow-instances/{instanceId}?force=true").WaitAsync(Timeouts.Request);

        Assert.Contains("force=true", problem["detail"]?.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, forced.StatusCode);
        await admin.GetObjectAsync($"/api/workflow-instances/{instanceId}", HttpStatusCode.NotFound);
        await admin.GetObjectAsync($"/api/tasks/{task["id"]!.GetValue<string>()}", HttpStatusCode.NotFound);
        var inbox = await bob.GetObjectAsync("/api/tasks?pageSize=1000");
        Assert.Null(Instances.FindTask(inbox, instanceId));
    }

    [Fact]
    public async Task Delete_ByStranger_Returns404()
    {
        var alice = await _factory.CreateClientForAsync("alice");
        var carol = await _factory.CreateClientForAsync("carol");
        var instanceId = await StartAsync(alice, "delete-stranger", amount: 5);
        await Instances.WaitForSubStatusAsync(alice, instanceId, "Finished");

        var response = await carol.DeleteAsync($"/api/workflow-instances/{instanceId}").WaitAsync(Timeouts.Request);

        await response.ReadObjectAsync(HttpStatusCode.NotFound);
        await alice.GetObjectAsync($"/api/workflow-instances/{instanceId}");
    }

    [Fact]
    public async Task Delete_FinishedByDesigner_Returns403()
    {
        var alice = await _factory.CreateClientForAsync("alice");
        var dave = await _factory.CreateClientForAsync("dave");
        var instanceId = await StartAsync(alice, "delete-designer", amount: 5);
        await Instances.WaitForSubStatusAsync(alice, instanceId, "Finished");

        var response = await dave.DeleteAsync($"/api/workflow-instances/{instanceId}").WaitAsync(Timeouts.Request);

        await response.ReadObjectAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Delete_InvalidForce_Returns400()
    {
        var admin = await _factory.CreateClientForAsync("admin");

        var response = await admin.DeleteAsync("/api/workflow-instances/anything?force=1").WaitAsync(Timeouts.Request);

        var problem = await response.ReadObjectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("force", problem["parameter"]?.GetValue<string>());
        Assert.Equal("1", problem["value"]?.GetValue<string>());
    }

    [Fact]
    public async Task Delete_UnknownInstance_Returns404()
    {
        var admin = await _factory.CreateClientForAsync("admin");

        var response = await admin.DeleteAsync("/api/workflow-instances/no-such-instance").WaitAsync(Timeouts.Request);

        await response.ReadObjectAsync(HttpStatusCode.NotFound);
    }

    /// <summary>Publishes the purchase approval as its own definition and dispatches it as the client's user.</summary>
    private async Task<string> StartAsync(HttpClient client, string definitionId, int amount)
    {
        var dave = await _factory.CreateClientForAsync("dave");
        await Fixtures.PublishAsync(dave, Fixtures.LoadAs(Fixtures.PurchaseApproval, definitionId));
        return await Instances.DispatchAsync(client, definitionId, new { amount, item = "Laptop" });
    }
}
