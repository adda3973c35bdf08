using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ModelEngine.Persistence.EntityFrameworkCore;
using ModelEngine.Persistence.EntityFrameworkCore.Sqlite;

namespace ModelEngine.Persistence.Tests.Providers;

/// <summary>Provider selection by configuration. No test here opens a connection.</summary>
public sealed class ProviderSelectionTests
{
    private const string PostgreSqlConnectionString = "Host=127.0.0.1;Port=1;Database=unused";
    private const string SqlServerConnectionString = "Server=127.0.0.1,1;Database=unused;TrustServerCertificate=true";

    [Theory]
    [InlineData(null, "Data Source=unused.db", "Microsoft.EntityFrameworkCore.Sqlite")]
    [InlineData(" ", "Data Source=unused.db", "Microsoft.EntityFrameworkCore.Sqlite")]
    [InlineData("Sqlite", "Data Source=unused.db", "Microsoft.EntityFrameworkCore.Sqlite")]
    [InlineData("PostgreSql", PostgreSqlConnectionString, "Npgsql.EntityFrameworkCore.PostgreSQL")]
    [InlineData("postgresql", PostgreSqlConnectionString, "Npgsql.EntityFrameworkCore.PostgreSQL")]
    [InlineData("SqlServer", SqlServerConnectionString, "Microsoft.EntityFrameworkCore.SqlServer")]
    public async Task AddFromConfiguration_ProviderName_SelectsProvider(string? provider, string connectionString, string expectedProviderName)
    {
        var configuration = Configuration(("Persistence:Provider", provider), ("ConnectionStrings:ModelEngine", connectionString));

        await using var services = new ServiceCollection().AddLogging().AddModelEngineEntityFrameworkCore(configuration).BuildServiceProvider();
        await using var context = await services.GetRequiredService<IDbContextFactory<ModelEngineDbContext>>().CreateDbContextAsync();

        Assert.Equal(expectedProviderName, context.Database.ProviderName);
        Assert.Contains("unused", context.Database.GetConnectionString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Postgres")]
    [InlineData("1")]
    [InlineData("Sqlite,SqlServer")]
    public void AddFromConfiguration_UnknownProvider_ListsValidNames(string provider)
    {
        var configuration = Configuration(("Persistence:Provider", provider), ("ConnectionStrings:ModelEngine", "Data Source=unused.db"));

        var exception = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddModelEngineEntityFrameworkCore(configuration));

        Assert.Contains("Persistence:Provider", exception.Message, StringComparison.Ordinal);
        Assert.Contains($"'{provider}'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Sqlite, PostgreSql, SqlServer", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddFromConfiguration_MissingConnectionString_NamesKey()
    {
        var configuration = Configuration(("Persistence:Provider", "PostgreSql"));

        var exception = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddModelEngineEntityFrameworkCore(configuration));

        Assert.Contains("ConnectionStrings:ModelEngine", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PersistenceOptions_Bind_ReadsSqliteSettings()
    {
        var configuration = Configuration(
            ("Persistence:Provider", "Sqlite"),
            ("Persistence:Sqlite:BusyTimeout", "00:00:09"),
            ("Persistence:Sqlite:Synchronous", "Normal"));

        var options = configuration.GetSection(PersistenceOptions.SectionName).Get<PersistenceOptions>();

        Assert.NotNull(options);
        Assert.Equal(PersistenceProvider.Sqlite, options.GetProvider());
        Assert.Equal(TimeSpan.FromSeconds(9), options.Sqlite.BusyTimeout);
        Assert.Equal(SqliteSynchronousMode.Normal, options.Sqlite.Synchronous);
    }

    [Theory]
    [InlineData(PersistenceProvider.Sqlite, "Data Source=unused.db", true)]
    [InlineData(PersistenceProvider.PostgreSql, PostgreSqlConnectionString, false)]
    [InlineData(PersistenceProvider.SqlServer, SqlServerConnectionString, false)]
    public async Task AddModelEngineEntityFrameworkCore_Provider_SerializesWritersOnlyOnSqlite(
        PersistenceProvider provider, string connectionString, bool serializes)
    {
        await using var services = new ServiceCollection().AddLogging()
            .AddModelEngineEntityFrameworkCore(provider, connectionString)
            .BuildServiceProvider();
        var writeLock = services.GetRequiredService<WriteLock>();

        var firstTurn = await writeLock.EnterAsync(CancellationToken.None);
        var secondTurn = writeLock.EnterAsync(CancellationToken.None).AsTask();

        Assert.Equal(!serializes, secondTurn.IsCompleted);
        firstTurn.Dispose();
        (await secondTurn.WithTimeout()).Dispose();
    }

    private static IConfiguration Configuration(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(pair => new KeyValuePair<string, string?>(pair.Key, pair.Value)))
            .Build();
}
