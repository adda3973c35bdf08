using System.Net;
using System.Text.Json.Nodes;
using ModelEngine.Server.Tests.Infrastructure;

namespace ModelEngine.Server.Tests.Administration;

/// <summary>
/// The audit log over HTTP: every definition and instance action is recorded with its actor, target and version, and
/// only admins read it.
/// </summary>
public sealed class AuditLogTests : IClassFixture<ServerFactory>
{
    private readonly ServerFactory _factory;

    public AuditLogTests(ServerFactory factory)
    {
        _factory = factory;
    }

    [Fact]
    public async Task DefinitionActions_AreRecordedWithActorAndVersion()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        var admin = await _factory.CreateClientForAsync("admin");
        var model = Fixtures.LoadAs(Fixtures.CapexReview, "audited-definition");

        await dave.PostObjectAsync("/api/workflow-definitions", new { model, publish = false }, HttpStatusCode.Created);
        await dave.PostObjectAsync("/api/workflow-definitions/audited-definition/publish", null);
        await dave.PostObjectAsync("/api/workflow-definitions/audited-definition/retract", null);
        await dave.PostObjectAsync("/api/workflow-definitions/audited-definition/revert/1", null);
        var deleted = await dave.DeleteAsync("/api/workflow-definitions/audited-definition").WaitAsync(Timeouts.Request);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);

        var records = await ReadAsync(admin, "entityType=WorkflowDefinition&entityId=audited-definition");
        Assert.Equal(["Saved", "Published", "Retracted", "Reverted", "Deleted"], records.Select(r => r["action"]!.GetValue<string>()).Reverse());
        Assert.All(records, r => Assert.Equal("dave", r["actor"]?.GetValue<string>()));
        Assert.All(records, r => Assert.Equal("audited-definition", r["definitionId"]?.GetValue<string>()));
        var reverted = records.Single(r => r["action"]!.GetValue<string>() == "Reverted");
        Assert.Equal(2, reverted["version"]?.GetValue<int>());
        Assert.Equal("copy of version 1", reverted["detail"]?.GetValue<string>());
        Assert.Equal(1, records.Single(r => r["action"]!.GetValue<string>() == "Published")["version"]?.GetValue<int>());
        Assert.All(records, r => Assert.EndsWith("Z", r["timestamp"]!.GetValue<string>(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task SaveWithPublish_RecordsSaveAndPublish()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        var admin = await _factory.CreateClientForAsync("admin");

        await Fixtures.PublishAsync(dave, Fixtures.LoadAs(Fixtures.CapexReview, "audited-save-publish"));

        var records = await ReadAsync(admin, "entityId=audited-save-publish");
        Assert.Equal(["Saved", "Published"], records.Select(r => r["action"]!.GetValue<string>()).Reverse());
    }

    [Fact]
    public async Task Import_RecordsImportAndPublish()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        var admin = await _factory.CreateClientForAsync("admin");
        var published = Fixtures.LoadAs(Fixtures.CapexReview, "audited-import");
        published["isPublished"] = true;

        await dave.PostObjectAsync("/api/workflow-definitions/import", published, HttpStatusCode.Created);

        var records = await ReadAsync(admin, "entityId=audited-import");
        Assert.Equal(["Imported", "Published"], records.Select(r => r["action"]!.GetValue<string>()).Reverse());
        Assert.Equal("new definition", records[^1]["detail"]?.GetValue<string>());
    }

    [Fact]
    public async Task InstanceActions_CancelRetryDelete_AreRecorded()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        var alice = await _factory.CreateClientForAsync("alice");
        var admin = await _factory.CreateClientForAsync("admin");

        // A waiting instance that alice cancels and then deletes.
        await Fixtures.PublishAsync(dave, Fixtures.LoadAs(Fixtures.PurchaseApproval, "audited-instances"));
        var waiting = await Instances.DispatchAsync(alice, "audited-instances", new { amount = 5000, item = "Laptop" });
        await Instances.WaitForSubStatusAsync(alice, waiting, "Suspended");
        await alice.PostObjectAsync($"/api/workflow-instances/{waiting}/cancel", null);
        var deleted = await alice.DeleteAsync($"/api/workflow-instances/{waiting}").WaitAsync(Timeouts.Request);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);

        // A faulted instance that the admin retries.
        var failing = Fixtures.LoadAs(Fixtures.SlowScript, "audited-retry");
        failing["root"]!["activities"]![1]!["outputValue"]!["expression"]!["value"] = "(function () { throw new Error('always fails'); })()";
        await Fixtures.PublishAsync(dave, failing);
        var faulted = await Instances.DispatchAsync(alice, "audited-retry", new { });
        await Instances.WaitForSubStatusAsync(alice, faulted, "Faulted");
        await admin.PostObjectAsync($"/api/workflow-instances/{faulted}/retry", null);

        var waitingRecords = await ReadAsync(admin, $"entityType=WorkflowInstance&entityId={waiting}");
        Assert.Equal(["Cancelled", "Deleted"], waitingRecords.Select(r => r["action"]!.GetValue<string>()).Reverse());
        Assert.All(waitingRecords, r => Assert.Equal("alice", r["actor"]?.GetValue<string>()));
        Assert.All(waitingRecords, r => Assert.Equal("audited-instances", r["definitionId"]?.GetValue<string>()));
        Assert.All(waitingRecords, r => Assert.Equal(1, r["version"]?.GetValue<int>()));

        var retried = Assert.Single(await ReadAsync(admin, $"entityId={faulted}"));
        Assert.Equal("Retried", retried["action"]?.GetValue<string>());
        Assert.Equal("admin", retried["actor"]?.GetValue<string>());
    }

    [Fact]
    public async Task RefusedAction_IsNotRecorded()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        var admin = await _factory.CreateClientForAsync("admin");
        await dave.PostObjectAsync("/api/workflow-definitions", new { model = Fixtures.LoadAs(Fixtures.CapexReview, "audited-refused") }, HttpStatusCode.Created);

        // Nothing is published, so the retract conflicts and changes nothing.
        await dave.PostObjectAsync("/api/workflow-definitions/audited-refused/retract", null, HttpStatusCode.Conflict);

        var records = await ReadAsync(admin, "entityId=audited-refused");
        Assert.Equal(["Saved"], records.Select(r => r["action"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Filters_ByActorActionAndTime_AndPages()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        var admin = await _factory.CreateClientForAsync("admin");
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        await dave.PostObjectAsync("/api/workflow-definitions", new { model = Fixtures.LoadAs(Fixtures.CapexReview, "audited-filter-a") }, HttpStatusCode.Created);
        await admin.PostObjectAsync("/api/workflow-definitions", new { model = Fixtures.LoadAs(Fixtures.CapexReview, "audited-filter-b") }, HttpStatusCode.Created);
        var after = DateTimeOffset.UtcNow.AddSeconds(1);

        var byAdmin = await ReadAsync(admin, $"actor=admin&action=Saved&from={Uri.EscapeDataString(before.ToString("O"))}&to={Uri.EscapeDataString(after.ToString("O"))}");
        Assert.Contains(byAdmin, r => r["entityId"]?.GetValue<string>() == "audited-filter-b");
        Assert.DoesNotContain(byAdmin, r => r["entityId"]?.GetValue<string>() == "audited-filter-a");

        var future = await admin.GetObjectAsync($"/api/audit?from={Uri.EscapeDataString(after.ToString("O"))}");
        Assert.Equal(0, future["totalCount"]?.GetValue<long>());

        var unknownType = await admin.GetObjectAsync("/api/audit?entityType=Foo", System.Net.HttpStatusCode.BadRequest);
        Assert.Equal("entityType", unknownType["parameter"]?.GetValue<string>());

        var page = await admin.GetObjectAsync("/api/audit?action=Saved&pageSize=1");
        Assert.Single(page["items"]!.AsArray());
        Assert.True(page["totalCount"]!.GetValue<long>() >= 2, $"totalCount should count every match: {page.ToJsonString()}");
    }

    [Fact]
    public async Task BadFilter_Returns400NamingParameter()
    {
        var admin = await _factory.CreateClientForAsync("admin");

        var badTime = await admin.GetObjectAsync("/api/audit?from=yesterday", HttpStatusCode.BadRequest);
        var badRange = await admin.GetObjectAsync("/api/audit?from=2026-12-05T00:00:00Z&to=2026-12-04T00:00:00Z", HttpStatusCode.BadRequest);
        var badSize = await admin.GetObjectAsync("/api/audit?pageSize=0", HttpStatusCode.BadRequest);

        Assert.Equal("from", badTime["parameter"]?.GetValue<string>());
        Assert.Equal("yesterday", badTime["value"]?.GetValue<string>());
        Assert.Equal("to", badRange["parameter"]?.GetValue<string>());
        Assert.Equal("pageSize", badSize["parameter"]?.GetValue<string>());
    }

    [Fact]
    public async Task Audit_WithoutCredentials_Returns401()
    {
        var response = await _factory.CreateClient().GetAsync("/api/audit").WaitAsync(Timeouts.Request);

        await response.ReadObjectAsync(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("dave")]
    [InlineData("bob")]
    public async Task Audit_AsNonAdmin_Returns403(string username)
    {
        var client = await _factory.CreateClientForAsync(username);

        var problem = await client.GetObjectAsync("/api/audit", HttpStatusCode.Forbidden);

        Assert.Contains("admins", problem["detail"]?.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_WithConfiguredApiKeyOutsideAdmins_Returns403()
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", "modelengine-dev-worker-key");

        await client.GetObjectAsync("/api/audit", HttpStatusCode.Forbidden);
    }

    /// <summary>Returns the records that match <paramref name="query"/>, newest first.</summary>
    internal static async Task<List<JsonObject>> ReadAsync(HttpClient admin, string query)
    {
        var page = await admin.GetObjectAsync($"/api/audit?pageSize=1000&{query}");
        return page["items"]!.AsArray().OfType<JsonObject>().ToList();
    }
}
