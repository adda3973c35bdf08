using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using ModelEngine.Persistence.EntityFrameworkCore;

namespace ModelEngine.Persistence.Tests.Providers;

/// <summary>
/// Checks each provider's migrations against the current model without a database server, so the SQL Server
/// migrations are checked on every run even though no test applies them.
/// </summary>
public sealed class MigrationModelTests
{
    public static TheoryData<PersistenceProvider, string> Providers => new()
    {
        { PersistenceProvider.Sqlite, "Data Source=unused.db" },
        { PersistenceProvider.PostgreSql, "Host=127.0.0.1;Port=1;Database=unused" },
        { PersistenceProvider.SqlServer, "Server=127.0.0.1,1;Database=unused;TrustServerCertificate=true" },
    };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Migrations_Provider_MatchModel(PersistenceProvider provider, string connectionString)
    {
        await using var services = CreateServices(provider, connectionString);
        await using var context = await services.GetRequiredService<IDbContextFactory<ModelEngineDbContext>>().CreateDbContextAsync();

        Assert.Contains(context.Database.GetMigrations(), migration => migration.EndsWith("_Initial", StringComparison.Ordinal));
        Assert.False(context.Database.HasPendingModelChanges(), $"The {provider} model has changes that no migration contains. Add a migration.");
    }

    [Theory]
    [InlineData(PersistenceProvider.Sqlite, "INTEGER")]
    [InlineData(PersistenceProvider.PostgreSql, "timestamp with time zone")]
    [InlineData(PersistenceProvider.SqlServer, "datetimeoffset")]
    public async Task TimeColumns_Provider_UseSortableType(PersistenceProvider provider, string expectedColumnType)
    {
        var connectionString = (string)Providers.First(row => (PersistenceProvider)row[0] == provider)[1];
        await using var services = CreateServices(provider, connectionString);
        await using var context = await services.GetRequiredService<IDbContextFactory<ModelEngineDbContext>>().CreateDbContextAsync();

        var timeProperties = context.GetService<IDesignTimeModel>().Model.GetEntityTypes()
            .SelectMany(entityType => entityType.GetProperties())
            .Where(property => property.ClrType == typeof(DateTimeOffset) || property.ClrType == typeof(DateTimeOffset?))
            .ToList();

        Assert.NotEmpty(timeProperties);
        Assert.All(timeProperties, property => Assert.Equal(expectedColumnType, property.GetColumnType()));
    }

    private static ServiceProvider CreateServices(PersistenceProvider provider, string connectionString) =>
        new ServiceCollection().AddLogging()
            .AddModelEngineEntityFrameworkCore(provider, connectionString)
            .BuildServiceProvider();
}
