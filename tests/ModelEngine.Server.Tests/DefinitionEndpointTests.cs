using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ModelEngine.Server.Tests.Infrastructure;

namespace ModelEngine.Server.Tests;

public sealed class DefinitionEndpointTests : IClassFixture<ServerFactory>
{
    private readonly ServerFactory _factory;

    public DefinitionEndpointTests(ServerFactory factory)
    {
        _factory = factory;
    }

    [Fact]
    public async Task Save_NewThenExistingDraft_Returns201Then200()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        var model = Fixtures.LoadAs(Fixtures.CapexReview, "save-twice");

        var created = await dave.PostObjectAsync("/api/workflow-definitions", new { model, publish = false }, HttpStatusCode.Created);
        var updated = await dave.PostObjectAsync("/api/workflow-definitions", new { model, publish = false }, HttpStatusCode.OK);

        Assert.Equal("save-twice", created["definitionId"]?.GetValue<string>());
        Assert.False(created["isPublished"]!.GetValue<bool>(), "A draft save published the definition.");
        Assert.Equal(created["version"]!.GetValue<int>(), updated["version"]!.GetValue<int>());
        Assert.NotNull(created["id"]);
        Assert.NotNull(created["warnings"]);
    }

    [Fact]
    public async Task Save_AfterPublish_CreatesNextVersion()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        var model = Fixtures.LoadAs(Fixtures.CapexReview, "next-version");

        var first = await Fixtures.PublishAsync(dave, model);
        var second = await dave.PostObjectAsync("/api/workflow-definitions", new { model, publish = false }, HttpStatusCode.OK);

        Assert.Equal(first["version"]!.GetValue<int>() + 1, second["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task Save_DraftWithUnknownType_ReturnsWarnings()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        var model = Fixtures.LoadAs(Fixtures.CapexReview, "draft-with-unknown-type");
        model["root"]!["activities"]!.AsArray().Add(new JsonObject { ["id"] = "mystery", ["type"] = "Acme.DoesNotExist" });

        var saved = await dave.PostObjectAsync("/api/workflow-definitions", new { model }, HttpStatusCode.Created);

        var warnings = saved["warnings"]!.AsArray();
        Assert.Contains(warnings, warning => warning?["activityId"]?.GetValue<string>() == "mystery");
    }

    [Fact]
    public async Task Get_DraftOnly_IsHiddenFromNonDesigners()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        var alice = await _factory.CreateClientForAsync("alice");
        await dave.PostObjectAsync("/api/workflow-definitions", new { model = Fixtures.LoadAs(Fixtures.CapexReview, "draft-only") }, HttpStatusCode.Created);

        var asDesigner = await dave.GetObjectAsync("/api/workflow-definitions/draft-only");
        var asRequester = await alice.GetAsync("/api/workflow-definitions/draft-only");

        Assert.Equal("draft-only", asDesigner["definitionId"]?.GetValue<string>());
        Assert.NotNull(asDesigner["root"]);
        await asRequester.ReadObjectAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Get_Published_IsReadableByAnyUser()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        var carol = await _factory.CreateClientForAsync("carol");
        await Fixtures.PublishAsync(dave, Fixtures.LoadAs(Fixtures.CapexReview, "readable"));

        var model = await carol.GetObjectAsync("/api/workflow-definitions/readable");

        Assert.True(model["isPublished"]!.GetValue<bool>(), $"The model carol read is not published: {model.ToJsonString()}");
        Assert.Equal("Elsa.Flowchart", model["root"]?["type"]?.GetValue<string>());
    }

    [Fact]
    public async Task List_Paged_ReturnsItemsAndTotal()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        await dave.PostObjectAsync("/api/workflow-definitions", new { model = Fixtures.LoadAs(Fixtures.CapexReview, "list-a") }, HttpStatusCode.Created);
        await dave.PostObjectAsync("/api/workflow-definitions", new { model = Fixtures.LoadAs(Fixtures.CapexReview, "list-b") }, HttpStatusCode.Created);

        var page = await dave.GetObjectAsync("/api/workflow-definitions?page=1&pageSize=1");

        Assert.Single(page["items"]!.AsArray());
        Assert.True(page["totalCount"]!.GetValue<long>() >= 2, $"totalCount is {page["totalCount"]}, expected at least 2.");
    }

    [Fact]
    public async Task List_AsNonDesigner_ShowsOnlyPublished()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        var bob = await _factory.CreateClientForAsync("bob");
        await dave.PostObjectAsync("/api/workflow-definitions", new { model = Fixtures.LoadAs(Fixtures.CapexReview, "unlisted-draft") }, HttpStatusCode.Created);

        var list = await bob.GetObjectAsync("/api/workflow-definitions?pageSize=1000");

        Assert.DoesNotContain(list["items"]!.AsArray(), item => item?["definitionId"]?.GetValue<string>() == "unlisted-draft");
        Assert.All(list["items"]!.AsArray(), item => Assert.True(item!["isPublished"]!.GetValue<bool>(), $"bob sees an unpublished version: {item.ToJsonString()}"));
    }

    [Fact]
    public async Task Publish_Draft_ReturnsPublishedVersion()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        await dave.PostObjectAsync("/api/workflow-definitions", new { model = Fixtures.LoadAs(Fixtures.CapexReview, "publish-later") }, HttpStatusCode.Created);

        var published = await dave.PostObjectAsync("/api/workflow-definitions/publish-later/publish", null);

        Assert.True(published["isPublished"]!.GetValue<bool>(), $"Publish returned {published.ToJsonString()}");
        Assert.Equal("publish-later", published["definitionId"]?.GetValue<string>());
    }

    [Fact]
    public async Task Export_ReturnsElsaFileAsAttachment()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        await Fixtures.PublishAsync(dave, Fixtures.LoadAs(Fixtures.CapexReview, "exported"));

        var response = await dave.GetAsync("/api/workflow-definitions/exported/export");

        var export = await response.ReadObjectAsync(HttpStatusCode.OK);
        Assert.Equal("exported", export["definitionId"]?.GetValue<string>());
        Assert.Equal("e04", export["root"]?["activities"]?[3]?["id"]?.GetValue<string>());
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
    }

    [Fact]
    public async Task Import_KeepsIsPublishedFlag()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        var published = Fixtures.LoadAs(Fixtures.PurchaseApproval, "imported-published");
        published["isPublished"] = true;
        var draft = Fixtures.LoadAs(Fixtures.PurchaseApproval, "imported-draft");
        draft["isPublished"] = false;

        var importedPublished = await ImportAsync(dave, published);
        var importedDraft = await ImportAsync(dave, draft);

        Assert.True(importedPublished["isPublished"]!.GetValue<bool>(), $"Import dropped isPublished: {importedPublished.ToJsonString()}");
        Assert.False(importedDraft["isPublished"]!.GetValue<bool>(), $"Import published a draft: {importedDraft.ToJsonString()}");
        Assert.Equal("imported-published", importedPublished["definitionId"]?.GetValue<string>());
    }

    [Fact]
    public async Task Import_AsRequester_Returns403()
    {
        var alice = await _factory.CreateClientForAsync("alice");

        var response = await alice.PostAsJsonAsync("/api/workflow-definitions/import", Fixtures.LoadAs(Fixtures.PurchaseApproval, "alice-import"));

        await response.ReadObjectAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Execute_SmallAmount_ReturnsFinishedInstance()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        var alice = await _factory.CreateClientForAsync("alice");
        await Fixtures.PublishAsync(dave, Fixtures.LoadAs(Fixtures.PurchaseApproval, "execute-small"));

        var instance = await alice.PostObjectAsync("/api/workflow-definitions/execute-small/execute", new { input = new { amount = 250, item = "Keyboard" } });

        Assert.Equal("Finished", instance["subStatus"]?.GetValue<string>());
        Assert.Equal("Finished", instance["status"]?.GetValue<string>());
        Assert.True(instance["output"]?["approved"]?.GetValue<bool>(), $"Output: {instance["output"]?.ToJsonString()}");
        Assert.Equal("auto-approved", instance["output"]?["reason"]?.GetValue<string>());
        Assert.Equal("alice", instance["initiator"]?.GetValue<string>());
    }

    [Fact]
    public async Task Execute_FaultingScript_Returns200WithIncident()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        var model = Fixtures.LoadAs(Fixtures.SlowScript, "execute-faulted");
        model["root"]!["activities"]![1]!["outputValue"]!["expression"]!["value"] = "(function () { throw new Error('boom'); })()";
        await Fixtures.PublishAsync(dave, model);

        var instance = await dave.PostObjectAsync("/api/workflow-definitions/execute-faulted/execute", null);

        Assert.Equal("Faulted", instance["subStatus"]?.GetValue<string>());
        var incident = Assert.Single(instance["incidents"]!.AsArray());
        Assert.Equal("busy", incident?["activityId"]?.GetValue<string>());
    }

    [Fact]
    public async Task Dispatch_Returns202WithInstanceId()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        var alice = await _factory.CreateClientForAsync("alice");
        await Fixtures.PublishAsync(dave, Fixtures.LoadAs(Fixtures.PurchaseApproval, "dispatch-small"));

        var response = await alice.PostAsJsonAsync("/api/workflow-definitions/dispatch-small/dispatch", new { input = new { amount = 5, item = "Pen" }, correlationId = "order-17" });

        var body = await response.ReadObjectAsync(HttpStatusCode.Accepted);
        var instanceId = body["workflowInstanceId"]!.GetValue<string>();
        Assert.Equal($"/api/workflow-instances/{instanceId}", response.Headers.Location?.OriginalString);
        var finished = await Instances.WaitForSubStatusAsync(alice, instanceId, "Finished");
        Assert.Equal("order-17", finished["correlationId"]?.GetValue<string>());
    }

    [Fact]
    public async Task Dispatch_WithoutBody_IsAccepted()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        await Fixtures.PublishAsync(dave, Fixtures.LoadAs(Fixtures.DelayedGreeting, "dispatch-no-body"));

        var response = await dave.PostAsync("/api/workflow-definitions/dispatch-no-body/dispatch", null);

        await response.ReadObjectAsync(HttpStatusCode.Accepted);
    }

    private static async Task<JsonObject> ImportAsync(HttpClient client, JsonObject model)
    {
        var response = await client.PostAsJsonAsync("/api/workflow-definitions/import", model);
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK,
            $"Import returned {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }
}
