using System.Net;
using System.Net.Http.Headers;
using ModelEngine.Server.Tests.Infrastructure;

namespace ModelEngine.Server.Tests.Notifications;

/// <summary>The task hub takes the API's credentials, from the header or from the access_token query parameter.</summary>
public sealed class TaskHubAuthenticationTests : IClassFixture<ServerFactory>
{
    private readonly ServerFactory _server;

    public TaskHubAuthenticationTests(ServerFactory server)
    {
        _server = server;
    }

    [Fact]
    public async Task Negotiate_WithoutToken_Returns401()
    {
        using var client = _server.CreateClient();
        var response = await client.PostAsync("/hubs/tasks/negotiate?negotiateVersion=1", null).WaitAsync(Timeouts.Request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Negotiate_WithQueryToken_Succeeds()
    {
        var token = await _server.LoginAsync("bob");
        using var client = _server.CreateClient();
        var response = await client.PostAsync($"/hubs/tasks/negotiate?negotiateVersion=1&access_token={token}", null).WaitAsync(Timeouts.Request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Negotiate_WithBearerHeader_Succeeds()
    {
        using var client = _server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await _server.LoginAsync("bob"));
        var response = await client.PostAsync("/hubs/tasks/negotiate?negotiateVersion=1", null).WaitAsync(Timeouts.Request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task QueryToken_OnApi_IsIgnored()
    {
        var token = await _server.LoginAsync("bob");
        using var client = _server.CreateClient();
        var response = await client.GetAsync($"/api/tasks?access_token={token}").WaitAsync(Timeouts.Request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
