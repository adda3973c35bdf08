using System.Net;
using ModelEngine.Persistence.Tests.PostgreSql;
using ModelEngine.Server.Tests.Administration;
using ModelEngine.Server.Tests.Infrastructure;

namespace ModelEngine.Server.Tests.PostgreSql;

/// <summary>The audit log, API keys and refresh tokens on PostgreSQL, where times and conditional updates run natively.</summary>
[Collection(HangfireCollection.Name)]
public sealed class AdministrationPostgresTests : IClassFixture<PostgresServerFactory>
{
    private readonly PostgresServerFactory _database;

    public AdministrationPostgresTests(PostgresServerFactory database)
    {
        _database = database;
    }

    [PostgresFact]
    public async Task Audit_OnPostgres_RecordsAndFiltersByTime()
    {
        var server = _database.Server;
        var dave = await server.CreateClientForAsync("dave");
        var admin = await server.CreateClientForAsync("admin");
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        await Fixtures.PublishAsync(dave, Fixtures.LoadAs(Fixtures.CapexReview, "pg-audited"));
        var deleted = await dave.DeleteAsync("/api/workflow-definitions/pg-audited").WaitAsync(Timeouts.Request);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        var after = DateTimeOffset.UtcNow.AddSeconds(1);

        var inRange = await AuditLogTests.ReadAsync(admin,
            $"entityId=pg-audited&from={Uri.EscapeDataString(before.ToString("O"))}&to={Uri.EscapeDataString(after.ToString("O"))}");
        Assert.Equal(["Saved", "Published", "Deleted"], inRange.Select(r => r["action"]!.GetValue<string>()).Reverse());
        var later = await AuditLogTests.ReadAsync(admin, $"entityId=pg-audited&from={Uri.EscapeDataString(after.ToString("O"))}");
        Assert.Empty(later);
        var rows = await _database.QueryScalarAsync("SELECT count(*) FROM \"AuditRecords\" WHERE \"EntityId\" = $1", "pg-audited");
        Assert.Equal(3L, rows);
    }

    [PostgresFact]
    public async Task ApiKey_OnPostgres_AuthenticatesUntilRevoked()
    {
        var server = _database.Server;
        var admin = await server.CreateClientForAsync("admin");
        var created = await admin.PostObjectAsync("/api/api-keys", new { name = "pg-client", groups = new[] { "workers" } }, HttpStatusCode.Created);
        var client = server.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", created["key"]!.GetValue<string>());

        await client.GetObjectAsync("/api/run-tasks");
        var revoked = await admin.DeleteAsync($"/api/api-keys/{created["id"]}").WaitAsync(Timeouts.Request);
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        await client.GetObjectAsync("/api/run-tasks", HttpStatusCode.Unauthorized);

        var storedHash = await _database.QueryScalarAsync("SELECT \"Hash\" FROM \"ApiKeys\" WHERE \"Name\" = $1", "pg-client");
        Assert.Matches("^[0-9a-f]{64}$", Assert.IsType<string>(storedHash));
        await admin.PostObjectAsync("/api/api-keys", new { name = "pg-client" }, HttpStatusCode.Conflict);
    }

    [PostgresFact]
    public async Task Refresh_OnPostgres_RotatesAndDetectsReuse()
    {
        var client = _database.Server.CreateClient();
        var login = await client.PostObjectAsync("/api/identity/login", new { username = "bob", password = "modelengine" });
        var first = login["refreshToken"]!.GetValue<string>();

        var second = (await client.PostObjectAsync("/api/identity/refresh", new { refreshToken = first }))["refreshToken"]!.GetValue<string>();
        await client.PostObjectAsync("/api/identity/refresh", new { refreshToken = first }, HttpStatusCode.Unauthorized);
        await client.PostObjectAsync("/api/identity/refresh", new { refreshToken = second }, HttpStatusCode.Unauthorized);

        var revokedRows = await _database.QueryScalarAsync("SELECT count(*) FROM \"RefreshTokens\" WHERE \"UserName\" = $1 AND \"RevokedAt\" IS NOT NULL", "bob");
        Assert.Equal(2L, revokedRows);
    }
}
