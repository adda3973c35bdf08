using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using ModelEngine.Server.Identity;
using ModelEngine.Server.Tests.Infrastructure;

namespace ModelEngine.Server.Tests.Administration;

/// <summary>Refresh tokens against a fake clock: a token is accepted within <c>Identity:RefreshTokenLifetime</c> only.</summary>
public sealed class RefreshTokenExpiryTests : IDisposable
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly ServerFactory _server;
    private readonly WebApplicationFactory<Program> _factory;

    public RefreshTokenExpiryTests()
    {
        _server = new ServerFactory().WithSetting("Identity:RefreshTokenLifetime", "1.00:00:00");
        _factory = _server.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(_clock);
        }));
    }

    [Fact]
    public async Task Refresh_AfterLifetime_Returns401()
    {
        var client = _factory.CreateClient();
        var login = await client.PostObjectAsync("/api/identity/login", new { username = "alice", password = "modelengine" });
        Assert.Equal(_clock.GetUtcNow().AddDays(1), DateTimeOffset.Parse(login["refreshTokenExpiresAt"]!.GetValue<string>()));

        // Just inside the lifetime the token rotates; its successor then outlives the lifetime unused.
        _clock.Advance(TimeSpan.FromHours(23));
        var successor = (await client.PostObjectAsync("/api/identity/refresh", new { refreshToken = login["refreshToken"]!.GetValue<string>() }))["refreshToken"]!.GetValue<string>();
        _clock.Advance(TimeSpan.FromHours(25));

        var expired = await client.PostObjectAsync("/api/identity/refresh", new { refreshToken = successor }, HttpStatusCode.Unauthorized);

        Assert.Contains("expired", expired["detail"]?.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cleanup_DeletesTokensADayAfterExpiry()
    {
        var client = _factory.CreateClient();
        var login = await client.PostObjectAsync("/api/identity/login", new { username = "bob", password = "modelengine" });
        var cleanup = _factory.Services.GetRequiredService<RefreshTokenCleanupService>();

        // Expired but within the day after expiry: kept, and reported as expired.
        _clock.Advance(TimeSpan.FromHours(36));
        Assert.Equal(0, await cleanup.CleanUpAsync(CancellationToken.None).WaitAsync(Timeouts.Request));
        var expired = await client.PostObjectAsync("/api/identity/refresh", new { refreshToken = login["refreshToken"]!.GetValue<string>() }, HttpStatusCode.Unauthorized);
        Assert.Contains("expired", expired["detail"]?.GetValue<string>(), StringComparison.Ordinal);

        // The service's own hourly run may delete the token as the clock moves, before the call below does.
        _clock.Advance(TimeSpan.FromHours(13));
        await cleanup.CleanUpAsync(CancellationToken.None).WaitAsync(Timeouts.Request);

        var unknown = await client.PostObjectAsync("/api/identity/refresh", new { refreshToken = login["refreshToken"]!.GetValue<string>() }, HttpStatusCode.Unauthorized);
        Assert.Contains("unknown", unknown["detail"]?.GetValue<string>(), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _factory.Dispose();
        _server.Dispose();
    }
}
