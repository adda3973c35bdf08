using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using ModelEngine.Server.Tests.Infrastructure;

namespace ModelEngine.Server.Tests;

public sealed class IdentityTests : IClassFixture<ServerFactory>
{
    private const string DevelopmentApiKey = "modelengine-dev-worker-key";
    private readonly ServerFactory _factory;

    public IdentityTests(ServerFactory factory)
    {
        _factory = factory;
    }

    [Fact]
    public async Task Login_DemoUser_ReturnsBearerToken()
    {
        var client = _factory.CreateClient();

        var body = await client.PostObjectAsync("/api/identity/login", new { username = "alice", password = "modelengine" });

        Assert.False(string.IsNullOrEmpty(body["accessToken"]?.GetValue<string>()), "The login response has no accessToken.");
        Assert.Equal("Bearer", body["tokenType"]?.GetValue<string>());
        var expiresAt = body["expiresAt"]!.GetValue<string>();
        Assert.EndsWith("Z", expiresAt, StringComparison.Ordinal);
        Assert.True(DateTimeOffset.Parse(expiresAt) > DateTimeOffset.UtcNow, $"expiresAt {expiresAt} is not in the future.");
    }

    [Fact]
    public async Task Login_WrongPassword_Returns401Problem()
    {
        var client = _factory.CreateClient();

        var response = await client.PostAsJsonAsync("/api/identity/login", new { username = "alice", password = "wrong" });

        var problem = await response.ReadObjectAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(401, problem["status"]?.GetValue<int>());
    }

    [Fact]
    public async Task Login_MissingPassword_Returns400NamingField()
    {
        var client = _factory.CreateClient();

        var response = await client.PostAsJsonAsync("/api/identity/login", new { username = "alice" });

        var problem = await response.ReadObjectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("password", problem["parameter"]?.GetValue<string>());
    }

    [Fact]
    public async Task Api_WithoutToken_Returns401Problem()
    {
        var client = _factory.CreateClient();

        var response = await client.GetAsync("/api/tasks");

        var problem = await response.ReadObjectAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Bearer", problem["detail"]?.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_WithForgedToken_Returns401()
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "eyJhbGciOiJIUzI1NiJ9.eyJuYW1lIjoiYWRtaW4ifQ.c2lnbmF0dXJl");

        var response = await client.GetAsync("/api/tasks");

        await response.ReadObjectAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task SaveDefinition_AsRequester_Returns403()
    {
        var alice = await _factory.CreateClientForAsync("alice");

        var response = await alice.PostAsJsonAsync("/api/workflow-definitions", new { model = Fixtures.LoadAs(Fixtures.CapexReview, "alice-may-not-save") });

        var problem = await response.ReadObjectAsync(HttpStatusCode.Forbidden);
        Assert.Contains("designers", problem["detail"]?.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiKey_Configured_ListsRunTasks()
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", DevelopmentApiKey);

        var list = await client.GetObjectAsync("/api/run-tasks");

        Assert.NotNull(list["items"]);
    }

    [Fact]
    public async Task ApiKey_Unknown_Returns401()
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", "not-a-configured-key");

        var response = await client.GetAsync("/api/run-tasks");

        var problem = await response.ReadObjectAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("X-Api-Key", problem["detail"]?.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunTasks_AsNonAdminUser_Returns403()
    {
        var bob = await _factory.CreateClientForAsync("bob");

        var response = await bob.GetAsync("/api/run-tasks");

        await response.ReadObjectAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task HangfireCookie_IsScopedToDashboard()
    {
        var client = _factory.CreateClient();

        var response = await client.PostAsJsonAsync("/api/identity/login", new { username = "admin", password = "modelengine" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.Contains("path=/hangfire", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
    }
}
