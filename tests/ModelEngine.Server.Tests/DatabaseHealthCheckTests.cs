using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ModelEngine.Persistence.EntityFrameworkCore;
using ModelEngine.Server.Hosting;
using ModelEngine.Server.Tests.Infrastructure;

namespace ModelEngine.Server.Tests;

/// <summary>The readiness check of the database, on a database that is reachable and on one that is not.</summary>
public sealed class DatabaseHealthCheckTests
{
    [Fact]
    public async Task Check_SqliteFile_IsHealthy()
    {
        var folder = Directory.CreateTempSubdirectory("modelengine-health-");
        try
        {
            await using var services = new ServiceCollection()
                .AddModelEngineEntityFrameworkCore(PersistenceProvider.Sqlite, $"Data Source={Path.Combine(folder.FullName, "health.db")}")
                .BuildServiceProvider();
            await services.MigrateModelEngineDatabaseAsync().WaitAsync(Timeouts.Request);

            var result = await CheckAsync(services);

            Assert.Equal(HealthStatus.Healthy, result.Status);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Check_SqliteFileMissing_IsUnhealthy()
    {
        var path = Path.Combine(Path.GetTempPath(), $"modelengine-missing-{Guid.NewGuid():N}.db");
        await using var services = new ServiceCollection()
            .AddModelEngineEntityFrameworkCore(PersistenceProvider.Sqlite, $"Data Source={path}")
            .BuildServiceProvider();

        var result = await CheckAsync(services);

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.False(File.Exists(path), "The health check created the SQLite file.");
    }

    [Fact]
    public async Task Check_PostgresNotListening_IsUnhealthy()
    {
        // Port 1 on loopback has no server, so the connection is refused at once.
        await using var services = new ServiceCollection()
            .AddModelEngineEntityFrameworkCore(PersistenceProvider.PostgreSql, "Host=127.0.0.1;Port=1;Database=modelengine;Username=modelengine;Timeout=5")
            .BuildServiceProvider();

        var result = await CheckAsync(services);

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains("Npgsql", result.Description);
    }

    private static Task<HealthCheckResult> CheckAsync(IServiceProvider services)
    {
        var check = ActivatorUtilities.CreateInstance<DatabaseHealthCheck>(services);
        var registration = new HealthCheckRegistration("database", check, HealthStatus.Unhealthy, tags: null);
        return check.CheckHealthAsync(new HealthCheckContext { Registration = registration }).WaitAsync(Timeouts.Request);
    }
}
