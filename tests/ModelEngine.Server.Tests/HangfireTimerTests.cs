using ModelEngine.Server.Tests.Infrastructure;

namespace ModelEngine.Server.Tests;

/// <summary>Runs a Delay through Hangfire on the shared SQLite file, with scheduling on.</summary>
[Collection(HangfireCollection.Name)]
public sealed class HangfireTimerTests : IClassFixture<HangfireTimerTests.HangfireServerFactory>
{
    private readonly ServerFactory _factory;

    public HangfireTimerTests(HangfireServerFactory factory)
    {
        _factory = factory.Server;
    }

    [Fact]
    public async Task Delay_FiresThroughHangfire()
    {
        var dave = await _factory.CreateClientForAsync("dave");
        await Fixtures.PublishAsync(dave, Fixtures.LoadAs(Fixtures.DelayedGreeting, "hangfire-delay"));

        var instanceId = await Instances.DispatchAsync(dave, "hangfire-delay", new { });
        var finished = await Instances.WaitForSubStatusAsync(dave, instanceId, "Finished", TimeSpan.FromSeconds(20));

        Assert.Equal("hello after the delay", finished["output"]?["greeting"]?.GetValue<string>());
    }

    [Fact]
    public async Task Dashboard_NonAdmin_IsForbidden()
    {
        var bob = await _factory.CreateClientForAsync("bob");

        var response = await bob.GetAsync("/hangfire");

        Assert.Equal(System.Net.HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Dashboard_Anonymous_IsUnauthorized()
    {
        var anonymous = _factory.CreateClient();

        var response = await anonymous.GetAsync("/hangfire");

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Dashboard_AdminToken_Opens()
    {
        var admin = await _factory.CreateClientForAsync("admin");

        var response = await admin.GetAsync("/hangfire");

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Dashboard_WithAdminCookie_Opens()
    {
        var client = _factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = true });
        await client.PostObjectAsync("/api/identity/login", new { username = "admin", password = "modelengine" });

        var response = await client.GetAsync("/hangfire");

        Assert.True(response.IsSuccessStatusCode, $"The admin's dashboard request returned {(int)response.StatusCode}.");
    }

    /// <summary>A server with Hangfire on; the dispose order matters less than keeping Hangfire's static storage in one class.</summary>
    public sealed class HangfireServerFactory : IDisposable
    {
        public HangfireServerFactory()
        {
            Server = new ServerFactory().WithSetting("Scheduling:Enabled", "true");
        }

        public ServerFactory Server { get; }

        public void Dispose() => Server.Dispose();
    }
}
