using System.Net;
using System.Net.Http.Json;
using ModelEngine.Server.Tests.Infrastructure;

namespace ModelEngine.Server.Tests;

public sealed class DefinitionLifecycleEndpointTests : IClassFixture<ServerFactory>
{
    private readonly ServerFactory _factory;

    public DefinitionLifecycleEndpointTests(ServerFactory factory)
    {
        _factory = factory;
    }

    [Fact]
    public async Task Versions_Paged_NewestFirst()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        var model = Fixtures.LoadAs(Fixtures.CapexReview, "versions-paged");
        await Fixtures.PublishAsync(dave, model);
        await dave.PostObjectAsync("/api/workflow-definitions", new { model, publish = true });
        await dave.PostObjectAsync("/api/workflow-definitions", new { model, publish = false });

        var first = await dave.GetObjectAsync("/api/workflow-definitions/versions-paged/versions?page=1&pageSize=2");
        var second = await dave.GetObjectAsync("/api/workflow-definitions/versions-paged/versions?page=2&pageSize=2");

        Assert.Equal(3, first["totalCount"]!.GetValue<long>());
        Assert.Equal([3, 2], first["items"]!.AsArray().Select(item => item!["version"]!.GetValue<int>()));
        Assert.Equal([1], second["items"]!.AsArray().Select(item => item!["version"]!.GetValue<int>()));
        Assert.True(first["items"]![1]!["isPublished"]!.GetValue<bool>(), $"Version 2 is not published: {first.ToJsonString()}");
    }

    [Fact]
    public async Task Versions_UnknownDefinition_Returns404()
    {
        var dave = await _factory.CreateClientForAsync("dave");

        var problem = await dave.GetObjectAsync("/api/workflow-definitions/no-such-definition/versions", HttpStatusCode.NotFound);

        Assert.Contains("'no-such-definition'", problem["detail"]?.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Versions_AsRequester_Returns403()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        var alice = await _factory.CreateClientForAsync("alice");
        await Fixtures.PublishAsync(dave, Fixtures.LoadAs(Fixtures.CapexReview, "versions-hidden"));

        var response = await alice.GetAsync("/api/workflow-definitions/versions-hidden/versions").WaitAsync(Timeouts.Request);

        await response.ReadObjectAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Retract_Published_StartReturns404()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        var alice = await _factory.CreateClientForAsync("alice");
        await Fixtures.PublishAsync(dave, Fixtures.LoadAs(Fixtures.PurchaseApproval, "retracted"));
        await alice.PostObjectAsync("/api/workflow-definitions/retracted/execute", new { input = new { amount = 5, item = "Pen" } });

        var retracted = await dave.PostObjectAsync("/api/workflow-definitions/retracted/retract", null);
        var response = await alice.PostAsJsonAsync("/api/workflow-definitions/retracted/dispatch", new { input = new { amount = 5, item = "Pen" } }).WaitAsync(Timeouts.Request);

        Assert.False(retracted["isPublished"]!.GetValue<bool>(), $"Retract returned {retracted.ToJsonString()}");
        var problem = await response.ReadObjectAsync(HttpStatusCode.NotFound);
        Assert.Contains("has no published version", problem["detail"]?.GetValue<string>(), StringComparison.Ordinal);
        await alice.GetObjectAsync("/api/workflow-definitions/retracted", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Retract_NothingPublished_Returns409()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        await dave.PostObjectAsync("/api/workflow-definitions", new { model = Fixtures.LoadAs(Fixtures.CapexReview, "retract-draft") }, HttpStatusCode.Created);

        var problem = await dave.PostObjectAsync("/api/workflow-definitions/retract-draft/retract", null, HttpStatusCode.Conflict);

        Assert.Contains("no published version to retract", problem["detail"]?.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retract_AsRequester_Returns403()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        var alice = await _factory.CreateClientForAsync("alice");
        await Fixtures.PublishAsync(dave, Fixtures.LoadAs(Fixtures.CapexReview, "retract-forbidden"));

        await alice.PostObjectAsync("/api/workflow-definitions/retract-forbidden/retract", null, HttpStatusCode.Forbidden);

        await alice.GetObjectAsync("/api/workflow-definitions/retract-forbidden");
    }

    [Fact]
    public async Task Revert_EarlierVersion_ReturnsNewLatestDraft()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        var model = Fixtures.LoadAs(Fixtures.CapexReview, "reverted");
        model["name"] = "First name";
        await Fixtures.PublishAsync(dave, model);
        model["name"] = "Second name";
        await dave.PostObjectAsync("/api/workflow-definitions", new { model, publish = true });

        var copy = await dave.PostObjectAsync("/api/workflow-definitions/reverted/revert/1", null);
        var latest = await dave.GetObjectAsync("/api/workflow-definitions/reverted");

        Assert.Equal(3, copy["version"]!.GetValue<int>());
        Assert.True(copy["isLatest"]!.GetValue<bool>(), $"Revert returned {copy.ToJsonString()}");
        Assert.False(copy["isPublished"]!.GetValue<bool>(), $"Revert returned {copy.ToJsonString()}");
        Assert.Equal("First name", copy["name"]?.GetValue<string>());
        Assert.Equal(3, latest["version"]!.GetValue<int>());
        Assert.Equal("First name", latest["name"]?.GetValue<string>());
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("0")]
    [InlineData("-1")]
    public async Task Revert_InvalidVersion_Returns400(string version)
    {
        var dave = await _factory.CreateClientForAsync("dave");

        var problem = await dave.PostObjectAsync($"/api/workflow-definitions/anything/revert/{version}", null, HttpStatusCode.BadRequest);

        Assert.Equal("version", problem["parameter"]?.GetValue<string>());
        Assert.Equal(version, problem["value"]?.GetValue<string>());
    }

    [Fact]
    public async Task Revert_MissingVersion_Returns404()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        await Fixtures.PublishAsync(dave, Fixtures.LoadAs(Fixtures.CapexReview, "revert-missing"));

        var problem = await dave.PostObjectAsync("/api/workflow-definitions/revert-missing/revert/9", null, HttpStatusCode.NotFound);

        Assert.Contains("has no version 9", problem["detail"]?.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_RunningInstance_Returns409ThenForceCancels()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        var alice = await _factory.CreateClientForAsync("alice");
        await Fixtures.PublishAsync(dave, Fixtures.LoadAs(Fixtures.CapexReview, "delete-running"));
        var instanceId = await Instances.DispatchAsync(alice, "delete-running", new { amount = 25_000, item = "Forklift" });
        await Instances.WaitForSubStatusAsync(alice, instanceId, "Suspended");

        var refused = await dave.DeleteAsync("/api/workflow-definitions/delete-running").WaitAsync(Timeouts.Request);
        var problem = await refused.ReadObjectAsync(HttpStatusCode.Conflict);
        var forced = await dave.DeleteAsync("/api/workflow-definitions/delete-running?force=true").WaitAsync(Timeouts.Request);

        Assert.Equal(1, problem["runningInstanceCount"]?.GetValue<long>());
        Assert.Contains("1 running instance", problem["detail"]?.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, forced.StatusCode);
        var instance = await alice.GetObjectAsync($"/api/workflow-instances/{instanceId}");
        Assert.Equal("Cancelled", instance["subStatus"]?.GetValue<string>());
        await dave.GetObjectAsync("/api/workflow-definitions/delete-running", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Delete_NoRunningInstances_Returns204()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        await dave.PostObjectAsync("/api/workflow-definitions", new { model = Fixtures.LoadAs(Fixtures.CapexReview, "delete-draft") }, HttpStatusCode.Created);

        var response = await dave.DeleteAsync("/api/workflow-definitions/delete-draft").WaitAsync(Timeouts.Request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await dave.GetObjectAsync("/api/workflow-definitions/delete-draft/versions", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Delete_InvalidForce_Returns400()
    {
        var dave = await _factory.CreateClientForAsync("dave");

        var response = await dave.DeleteAsync("/api/workflow-definitions/anything?force=yes").WaitAsync(Timeouts.Request);

        var problem = await response.ReadObjectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("force", problem["parameter"]?.GetValue<string>());
        Assert.Equal("yes", problem["value"]?.GetValue<string>());
    }

    [Fact]
    public async Task Delete_UnknownDefinition_Returns404()
    {
        var dave = await _factory.CreateClientForAsync("dave");

        var response = await dave.DeleteAsync("/api/workflow-definitions/never-saved").WaitAsync(Timeouts.Request);

        await response.ReadObjectAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Delete_AsRequester_Returns403()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        var alice = await _factory.CreateClientForAsync("alice");
        await Fixtures.PublishAsync(dave, Fixtures.LoadAs(Fixtures.CapexReview, "delete-forbidden"));

        var response = await alice.DeleteAsync("/api/workflow-definitions/delete-forbidden?force=true").WaitAsync(Timeouts.Request);

        await response.ReadObjectAsync(HttpStatusCode.Forbidden);
        await dave.GetObjectAsync("/api/workflow-definitions/delete-forbidden");
    }
}
