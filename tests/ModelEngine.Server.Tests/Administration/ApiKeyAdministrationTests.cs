using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ModelEngine.Server.Tests.Infrastructure;

namespace ModelEngine.Server.Tests.Administration;

/// <summary>
/// API keys created, listed and revoked through <c>/api/api-keys</c>, and requests authenticated with them.
/// </summary>
public sealed class ApiKeyAdministrationTests : IClassFixture<ServerFactory>
{
    private readonly ServerFactory _factory;

    public ApiKeyAdministrationTests(ServerFactory factory)
    {
        _factory = factory;
    }

    [Fact]
    public async Task Create_ReturnsKeyOnce_AndKeyAuthenticates()
    {
        var admin = await _factory.CreateClientForAsync("admin");

        var created = await admin.PostObjectAsync("/api/api-keys", new { name = "label-printer", groups = new[] { "workers", "printers" } }, HttpStatusCode.Created);

        var key = created["key"]!.GetValue<string>();
        Assert.StartsWith("mek_", key, StringComparison.Ordinal);
        Assert.Equal("label-printer", created["name"]?.GetValue<string>());
        Assert.Equal("admin", created["createdBy"]?.GetValue<string>());

        // The key is a machine client: it may list RunTasks, and what it starts names it as the initiator.
        var client = ClientWithKey(key);
        await client.GetObjectAsync("/api/run-tasks");
        var dave = await _factory.CreateClientForAsync("dave");
        await Fixtures.PublishAsync(dave, Fixtures.LoadAs(Fixtures.CapexReview, "started-by-key"));
        var instanceId = await Instances.DispatchAsync(client, "started-by-key", new { amount = 10, item = "Pen" });
        var instance = await client.GetObjectAsync($"/api/workflow-instances/{instanceId}");
        Assert.Equal("label-printer", instance["initiator"]?.GetValue<string>());

        // Listing never shows the key or its hash.
        var listed = await admin.GetAsync("/api/api-keys").WaitAsync(Timeouts.Request);
        var body = await listed.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        Assert.DoesNotContain(key, body, StringComparison.Ordinal);
        Assert.DoesNotContain("hash", body, StringComparison.OrdinalIgnoreCase);
        var item = JsonNode.Parse(body)!["items"]!.AsArray().OfType<JsonObject>().Single(k => k["name"]?.GetValue<string>() == "label-printer");
        Assert.Equal("Active", item["status"]?.GetValue<string>());
        Assert.Equal(["printers", "workers"], item["groups"]!.AsArray().Select(g => g!.GetValue<string>()).Order());
    }

    [Fact]
    public async Task Revoke_RejectsKeyAtOnce()
    {
        var admin = await _factory.CreateClientForAsync("admin");
        var created = await admin.PostObjectAsync("/api/api-keys", new { name = "revoked-client" }, HttpStatusCode.Created);
        var client = ClientWithKey(created["key"]!.GetValue<string>());
        await client.GetObjectAsync("/api/run-tasks");

        var revoked = await admin.DeleteAsync($"/api/api-keys/{created["id"]}").WaitAsync(Timeouts.Request);
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);

        // The node that revoked the key drops its cache entry, so the very next request fails.
        await client.GetObjectAsync("/api/run-tasks", HttpStatusCode.Unauthorized);
        var item = await admin.GetObjectAsync($"/api/api-keys/{created["id"]}");
        Assert.Equal("Revoked", item["status"]?.GetValue<string>());
        Assert.Equal("admin", item["revokedBy"]?.GetValue<string>());

        // A second revoke changes nothing; the audit log has one record of each action.
        var again = await admin.DeleteAsync($"/api/api-keys/{created["id"]}").WaitAsync(Timeouts.Request);
        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
        var records = await AuditLogTests.ReadAsync(admin, $"entityType=ApiKey&entityId={created["id"]}");
        Assert.Equal(["Created", "Revoked"], records.Select(r => r["action"]!.GetValue<string>()).Reverse());
    }

    [Fact]
    public async Task ExpiredKey_IsRejected()
    {
        var admin = await _factory.CreateClientForAsync("admin");
        var expiresAt = DateTimeOffset.UtcNow.AddSeconds(2);
        var created = await admin.PostObjectAsync("/api/api-keys", new { name = "short-lived", expiresAt }, HttpStatusCode.Created);
        var client = ClientWithKey(created["key"]!.GetValue<string>());

        await Eventually.WaitAsync(
            async () => (await client.GetAsync("/api/run-tasks")).StatusCode,
            status => status == HttpStatusCode.Unauthorized,
            "the key to stop working after its expiresAt");

        var item = await admin.GetObjectAsync($"/api/api-keys/{created["id"]}");
        Assert.Equal("Expired", item["status"]?.GetValue<string>());
    }

    [Fact]
    public async Task Create_DuplicateName_Returns409()
    {
        var admin = await _factory.CreateClientForAsync("admin");
        await admin.PostObjectAsync("/api/api-keys", new { name = "twice" }, HttpStatusCode.Created);

        var duplicate = await admin.PostObjectAsync("/api/api-keys", new { name = "twice" }, HttpStatusCode.Conflict);
        var configured = await admin.PostObjectAsync("/api/api-keys", new { name = "dev-worker" }, HttpStatusCode.Conflict);
        var user = await admin.PostObjectAsync("/api/api-keys", new { name = "Alice" }, HttpStatusCode.Conflict);

        Assert.Contains("twice", duplicate["detail"]?.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("Identity:ApiKeys", configured["detail"]?.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("Identity:Users", user["detail"]?.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{}", "name")]
    [InlineData("{\"name\":\"has space\"}", "name")]
    [InlineData("{\"name\":\"ok\",\"groups\":[\"\"]}", "groups[0]")]
    [InlineData("{\"name\":\"ok\",\"expiresAt\":\"2001-01-01T00:00:00Z\"}", "expiresAt")]
    public async Task Create_BadInput_Returns400NamingField(string body, string parameter)
    {
        var admin = await _factory.CreateClientForAsync("admin");

        var response = await admin.PostRawAsync("/api/api-keys", body);

        var problem = await response.ReadObjectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(parameter, problem["parameter"]?.GetValue<string>());
    }

    [Fact]
    public async Task Create_MalformedExpiresAt_Returns400()
    {
        var admin = await _factory.CreateClientForAsync("admin");

        var response = await admin.PostRawAsync("/api/api-keys", "{\"name\":\"ok\",\"expiresAt\":\"tomorrow\"}");

        var problem = await response.ReadObjectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("$.expiresAt", problem["jsonPath"]?.GetValue<string>());
    }

    [Fact]
    public async Task Revoke_UnknownId_Returns404()
    {
        var admin = await _factory.CreateClientForAsync("admin");

        var response = await admin.DeleteAsync("/api/api-keys/no-such-key").WaitAsync(Timeouts.Request);

        await response.ReadObjectAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ApiKeys_NonAdmin_Rejected()
    {
        var dave = await _factory.CreateClientForAsync("dave");

        var create = await dave.PostAsJsonAsync("/api/api-keys", new { name = "by-dave" }).WaitAsync(Timeouts.Request);
        var list = await dave.GetAsync("/api/api-keys").WaitAsync(Timeouts.Request);
        var anonymous = await _factory.CreateClient().GetAsync("/api/api-keys").WaitAsync(Timeouts.Request);

        await create.ReadObjectAsync(HttpStatusCode.Forbidden);
        await list.ReadObjectAsync(HttpStatusCode.Forbidden);
        await anonymous.ReadObjectAsync(HttpStatusCode.Unauthorized);
    }

    private HttpClient ClientWithKey(string key)
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }
}
