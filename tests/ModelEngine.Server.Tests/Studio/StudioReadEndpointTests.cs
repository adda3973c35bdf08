using System.Net;
using ModelEngine.Server.Tests.Infrastructure;

namespace ModelEngine.Server.Tests.Studio;

/// <summary>The reads the studio adds: the initiator filter, an instance's definition and one definition version.</summary>
public sealed class StudioReadEndpointTests : IClassFixture<ServerFactory>
{
    private readonly ServerFactory _factory;

    public StudioReadEndpointTests(ServerFactory factory)
    {
        _factory = factory;
    }

    [Fact]
    public async Task InstanceList_FiltersByInitiator()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        var alice = await _factory.CreateClientForAsync("alice");
        await Fixtures.PublishAsync(dave, Fixtures.LoadAs(Fixtures.PurchaseApproval, "by-initiator"));
        var alicesInstance = await Instances.DispatchAsync(alice, "by-initiator", new { amount = 500, item = "Pen" });
        var davesInstance = await Instances.DispatchAsync(dave, "by-initiator", new { amount = 500, item = "Ink" });

        var alicesOnly = await dave.GetObjectAsync("/api/workflow-instances?definitionId=by-initiator&initiator=alice");
        var davesOnly = await dave.GetObjectAsync("/api/workflow-instances?definitionId=by-initiator&initiator=dave");
        var both = await dave.GetObjectAsync("/api/workflow-instances?definitionId=by-initiator");
        var nobody = await dave.GetObjectAsync("/api/workflow-instances?definitionId=by-initiator&initiator=zoe");

        Assert.Equal(alicesInstance, Assert.Single(alicesOnly["items"]!.AsArray())?["id"]?.GetValue<string>());
        Assert.Equal(1, alicesOnly["totalCount"]!.GetValue<long>());
        Assert.Equal(davesInstance, Assert.Single(davesOnly["items"]!.AsArray())?["id"]?.GetValue<string>());
        Assert.Equal(2, both["totalCount"]!.GetValue<long>());
        Assert.Empty(nobody["items"]!.AsArray());
    }

    [Fact]
    public async Task InstanceList_InitiatorNeverWidensAccess()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        var alice = await _factory.CreateClientForAsync("alice");
        var carol = await _factory.CreateClientForAsync("carol");
        await Fixtures.PublishAsync(dave, Fixtures.LoadAs(Fixtures.PurchaseApproval, "initiator-access"));
        await Instances.DispatchAsync(alice, "initiator-access", new { amount = 500, item = "Pen" });

        var carols = await carol.GetObjectAsync("/api/workflow-instances?definitionId=initiator-access&initiator=alice");

        Assert.Empty(carols["items"]!.AsArray());
        Assert.Equal(0, carols["totalCount"]!.GetValue<long>());
    }

    [Fact]
    public async Task InstanceList_InitiatorKeepsCursorPaging()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        var alice = await _factory.CreateClientForAsync("alice");
        await Fixtures.PublishAsync(dave, Fixtures.LoadAs(Fixtures.PurchaseApproval, "initiator-cursor"));
        var started = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            started.Add(await Instances.DispatchAsync(alice, "initiator-cursor", new { amount = 500, item = $"Pen {i}" }));
        }

        await Instances.DispatchAsync(dave, "initiator-cursor", new { amount = 500, item = "Ink" });

        var first = await alice.GetObjectAsync("/api/workflow-instances?definitionId=initiator-cursor&initiator=alice&pageSize=2");
        var cursor = Uri.EscapeDataString(first["nextCursor"]!.GetValue<string>());
        var second = await alice.GetObjectAsync($"/api/workflow-instances?definitionId=initiator-cursor&initiator=alice&pageSize=2&cursor={cursor}");

        var read = first["items"]!.AsArray().Concat(second["items"]!.AsArray()).Select(item => item?["id"]?.GetValue<string>()).ToList();
        Assert.Equal(3, first["totalCount"]!.GetValue<long>());
        Assert.Equal(started.OrderBy(id => id), read.OrderBy(id => id));
        Assert.Null(second["nextCursor"]);
    }

    [Fact]
    public async Task InstanceDefinition_ReturnsRunningVersion()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        var alice = await _factory.CreateClientForAsync("alice");
        var bob = await _factory.CreateClientForAsync("bob");
        var carol = await _factory.CreateClientForAsync("carol");
        var model = Fixtures.LoadAs(Fixtures.PurchaseApproval, "instance-definition");
        await Fixtures.PublishAsync(dave, model);
        var instanceId = await Instances.DispatchAsync(alice, "instance-definition", new { amount = 5000, item = "Laptop" });
        await Instances.WaitForTaskAsync(bob, instanceId);

        // A second published version must not change the model of the instance that runs version 1.
        model["name"] = "Purchase approval, version 2";
        await dave.PostObjectAsync("/api/workflow-definitions", new { model, publish = true });

        var asInitiator = await alice.GetObjectAsync($"/api/workflow-instances/{instanceId}/definition");
        var asCandidate = await bob.GetObjectAsync($"/api/workflow-instances/{instanceId}/definition");
        var problem = await carol.GetObjectAsync($"/api/workflow-instances/{instanceId}/definition", HttpStatusCode.NotFound);

        Assert.Equal("instance-definition", asInitiator["definitionId"]?.GetValue<string>());
        Assert.Equal(1, asInitiator["version"]?.GetValue<int>());
        Assert.Equal("Purchase approval", asInitiator["name"]?.GetValue<string>());
        Assert.False(asInitiator["isLatest"]?.GetValue<bool>());
        Assert.NotEmpty(asInitiator["root"]!["activities"]!.AsArray());
        Assert.Equal(1, asCandidate["version"]?.GetValue<int>());
        Assert.Contains(instanceId, problem["detail"]?.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InstanceDefinition_UnknownInstance_Returns404()
    {
        var admin = await _factory.CreateClientForAsync("admin");

        var problem = await admin.GetObjectAsync("/api/workflow-instances/no-such-instance/definition", HttpStatusCode.NotFound);

        Assert.Contains("no-such-instance", problem["detail"]?.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DefinitionVersion_ReturnsEachVersion()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        var model = Fixtures.LoadAs(Fixtures.PurchaseApproval, "versioned");
        await Fixtures.PublishAsync(dave, model);
        model["name"] = "Purchase approval draft";
        await dave.PostObjectAsync("/api/workflow-definitions", new { model, publish = false });

        var first = await dave.GetObjectAsync("/api/workflow-definitions/versioned/versions/1");
        var second = await dave.GetObjectAsync("/api/workflow-definitions/versioned/versions/2");
        var versions = await dave.GetObjectAsync("/api/workflow-definitions/versioned/versions");

        Assert.Equal(1, first["version"]?.GetValue<int>());
        Assert.True(first["isPublished"]?.GetValue<bool>());
        Assert.Equal("Purchase approval", first["name"]?.GetValue<string>());
        Assert.Equal(2, second["version"]?.GetValue<int>());
        Assert.False(second["isPublished"]?.GetValue<bool>());
        Assert.Equal("Purchase approval draft", second["name"]?.GetValue<string>());
        Assert.Equal(2, versions["totalCount"]!.GetValue<long>());
    }

    [Fact]
    public async Task DefinitionVersion_ReadingCreatesNoDraft()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        await Fixtures.PublishAsync(dave, Fixtures.LoadAs(Fixtures.PurchaseApproval, "read-only-version"));

        await dave.GetObjectAsync("/api/workflow-definitions/read-only-version/versions/1");
        await dave.GetObjectAsync("/api/workflow-definitions/read-only-version/versions/1");
        var versions = await dave.GetObjectAsync("/api/workflow-definitions/read-only-version/versions");

        Assert.Equal(1, versions["totalCount"]!.GetValue<long>());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("two")]
    [InlineData("99999999999")]
    public async Task DefinitionVersion_BadNumber_Returns400(string version)
    {
        var dave = await _factory.CreateClientForAsync("dave");

        var problem = await dave.GetObjectAsync($"/api/workflow-definitions/anything/versions/{version}", HttpStatusCode.BadRequest);

        Assert.Equal("version", problem["parameter"]?.GetValue<string>());
        Assert.Equal(version, problem["value"]?.GetValue<string>());
    }

    [Fact]
    public async Task DefinitionVersion_UnknownVersion_Returns404()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        await Fixtures.PublishAsync(dave, Fixtures.LoadAs(Fixtures.PurchaseApproval, "one-version"));

        var unknownVersion = await dave.GetObjectAsync("/api/workflow-definitions/one-version/versions/7", HttpStatusCode.NotFound);
        var unknownDefinition = await dave.GetObjectAsync("/api/workflow-definitions/no-such-definition/versions/1", HttpStatusCode.NotFound);

        Assert.Contains("7", unknownVersion["detail"]?.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("no-such-definition", unknownDefinition["detail"]?.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DefinitionVersion_NonDesigner_Returns403()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        var alice = await _factory.CreateClientForAsync("alice");
        var admin = await _factory.CreateClientForAsync("admin");
        await Fixtures.PublishAsync(dave, Fixtures.LoadAs(Fixtures.PurchaseApproval, "designers-only"));

        await alice.GetObjectAsync("/api/workflow-definitions/designers-only/versions/1", HttpStatusCode.Forbidden);
        var asAdmin = await admin.GetObjectAsync("/api/workflow-definitions/designers-only/versions/1");

        Assert.Equal("designers-only", asAdmin["definitionId"]?.GetValue<string>());
    }
}
