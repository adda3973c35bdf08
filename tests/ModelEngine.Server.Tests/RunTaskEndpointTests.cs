using System.Net;
using ModelEngine.Server.Tests.Infrastructure;

namespace ModelEngine.Server.Tests;

public sealed class RunTaskEndpointTests : IClassFixture<ServerFactory>
{
    private const string DevelopmentApiKey = "modelengine-dev-worker-key";
    private readonly ServerFactory _factory;

    public RunTaskEndpointTests(ServerFactory factory)
    {
        _factory = factory;
    }

    [Fact]
    public async Task Complete_WithApiKey_ResumesInstance()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        var alice = await _factory.CreateClientForAsync("alice");
        var worker = _factory.CreateClient();
        worker.DefaultRequestHeaders.Add("X-Api-Key", DevelopmentApiKey);
        await Fixtures.PublishAsync(dave, Fixtures.LoadAs(Fixtures.RunTask, "label-api-key"));

        var instanceId = await Instances.DispatchAsync(alice, "label-api-key", new { parcel = "P-42" });
        var list = await Eventually.WaitAsync(
            () => worker.GetObjectAsync($"/api/run-tasks?workflowInstanceId={instanceId}"),
            page => page["items"]!.AsArray().Count == 1,
            $"one open RunTask of workflow instance {instanceId}");
        var runTask = list["items"]![0]!;
        Assert.Equal("PrintLabel", runTask["taskName"]?.GetValue<string>());
        Assert.Equal("P-42", runTask["payload"]?["parcel"]?.GetValue<string>());
        Assert.Equal(instanceId, runTask["workflowInstanceId"]?.GetValue<string>());

        var completed = await worker.PostObjectAsync($"/api/run-tasks/{runTask["id"]}/complete", new { result = new { trackingNumber = "TN-1" } });
        Assert.Equal(instanceId, completed["workflowInstanceId"]?.GetValue<string>());
        await worker.PostObjectAsync($"/api/run-tasks/{runTask["id"]}/complete", new { result = new { trackingNumber = "TN-2" } }, HttpStatusCode.NotFound);

        var finished = await Instances.WaitForSubStatusAsync(alice, instanceId, "Finished");
        Assert.Equal("TN-1", finished["output"]?["tracking"]?.GetValue<string>());
    }

    [Fact]
    public async Task Complete_AsAdmin_IsAllowed()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        var admin = await _factory.CreateClientForAsync("admin");
        await Fixtures.PublishAsync(dave, Fixtures.LoadAs(Fixtures.RunTask, "label-admin"));
        var instanceId = await Instances.DispatchAsync(admin, "label-admin", new { parcel = "P-7" });
        var list = await Eventually.WaitAsync(
            () => admin.GetObjectAsync($"/api/run-tasks?workflowInstanceId={instanceId}"),
            page => page["items"]!.AsArray().Count == 1,
            $"one open RunTask of workflow instance {instanceId}");

        await admin.PostObjectAsync($"/api/run-tasks/{list["items"]![0]!["id"]}/complete", new { result = new { trackingNumber = "TN-9" } });

        var finished = await Instances.WaitForSubStatusAsync(admin, instanceId, "Finished");
        Assert.Equal("TN-9", finished["output"]?["tracking"]?.GetValue<string>());
    }

    [Fact]
    public async Task Complete_AsPlainUser_Returns403()
    {
        var bob = await _factory.CreateClientForAsync("bob");

        await bob.PostObjectAsync("/api/run-tasks/any/complete", new { result = 1 }, HttpStatusCode.Forbidden);
    }
}
