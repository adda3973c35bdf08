using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using ModelEngine.Server.Tests.Infrastructure;

namespace ModelEngine.Server.Tests.Administration;

/// <summary>Refresh tokens: rotation on every refresh, and a reused token revokes its whole family.</summary>
public sealed class RefreshTokenTests : IClassFixture<ServerFactory>
{
    private readonly ServerFactory _factory;

    public RefreshTokenTests(ServerFactory factory)
    {
        _factory = factory;
    }

    [Fact]
    public async Task Refresh_RotatesToken_AndNewAccessTokenWorks()
    {
        var client = _factory.CreateClient();
        var login = await LoginAsync(client, "bob");
        var first = login["refreshToken"]!.GetValue<string>();
        Assert.True(DateTimeOffset.Parse(login["refreshTokenExpiresAt"]!.GetValue<string>()) > DateTimeOffset.UtcNow.AddDays(13));

        var refreshed = await client.PostObjectAsync("/api/identity/refresh", new { refreshToken = first });

        var second = refreshed["refreshToken"]!.GetValue<string>();
        Assert.NotEqual(first, second);
        Assert.Equal("Bearer", refreshed["tokenType"]?.GetValue<string>());
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/tasks");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", refreshed["accessToken"]!.GetValue<string>());
        var tasks = await client.SendAsync(request).WaitAsync(Timeouts.Request);
        Assert.Equal(HttpStatusCode.OK, tasks.StatusCode);

        // The successor rotates again.
        var third = await client.PostObjectAsync("/api/identity/refresh", new { refreshToken = second });
        Assert.NotEqual(second, third["refreshToken"]!.GetValue<string>());
    }

    [Fact]
    public async Task Refresh_ReusedToken_RevokesTheWholeFamily()
    {
        var client = _factory.CreateClient();
        var first = (await LoginAsync(client, "carol"))["refreshToken"]!.GetValue<string>();
        var second = (await client.PostObjectAsync("/api/identity/refresh", new { refreshToken = first }))["refreshToken"]!.GetValue<string>();

        // The used token comes back, as it would from a thief: it is rejected and its successor dies with it.
        var reuse = await client.PostObjectAsync("/api/identity/refresh", new { refreshToken = first }, HttpStatusCode.Unauthorized);
        var successor = await client.PostObjectAsync("/api/identity/refresh", new { refreshToken = second }, HttpStatusCode.Unauthorized);

        Assert.Contains("used before", reuse["detail"]?.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("revoked", successor["detail"]?.GetValue<string>(), StringComparison.Ordinal);

        // Another login starts a new family that works.
        var fresh = (await LoginAsync(client, "carol"))["refreshToken"]!.GetValue<string>();
        await client.PostObjectAsync("/api/identity/refresh", new { refreshToken = fresh });
    }

    [Fact]
    public async Task Refresh_MissingToken_Returns400_UnknownToken_401()
    {
        var client = _factory.CreateClient();

        var missing = await client.PostObjectAsync("/api/identity/refresh", new { }, HttpStatusCode.BadRequest);
        var unknown = await client.PostObjectAsync("/api/identity/refresh", new { refreshToken = "not-a-token" }, HttpStatusCode.Unauthorized);

        Assert.Equal("refreshToken", missing["parameter"]?.GetValue<string>());
        Assert.Contains("unknown", unknown["detail"]?.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refresh_AccessTokenIsNotARefreshToken()
    {
        var client = _factory.CreateClient();
        var login = await LoginAsync(client, "alice");

        await client.PostObjectAsync("/api/identity/refresh", new { refreshToken = login["accessToken"]!.GetValue<string>() }, HttpStatusCode.Unauthorized);
    }

    private static Task<JsonObject> LoginAsync(HttpClient client, string username) =>
        client.PostObjectAsync("/api/identity/login", new { username, password = "modelengine" });
}
