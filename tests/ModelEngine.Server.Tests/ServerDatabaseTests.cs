using Microsoft.Extensions.Configuration;
using ModelEngine.Persistence.EntityFrameworkCore;
using ModelEngine.Server.Hosting;

namespace ModelEngine.Server.Tests;

/// <summary>How the server reads <c>Persistence:Provider</c> and <c>ConnectionStrings:ModelEngine</c>.</summary>
public sealed class ServerDatabaseTests
{
    [Fact]
    public void Resolve_NoProvider_UsesSqliteDefaultFile()
    {
        var baseDirectory = Path.Combine(Path.GetTempPath(), "modelengine-resolve-" + Guid.NewGuid().ToString("N"));
        try
        {
            var database = ServerDatabase.Resolve(Configuration(), baseDirectory);

            Assert.Equal(PersistenceProvider.Sqlite, database.Provider);
            Assert.Equal(Path.Combine(baseDirectory, "data", "modelengine.db"), database.SqliteDatabasePath);
            Assert.Contains(database.SqliteDatabasePath!, database.ConnectionString);
        }
        finally
        {
            Directory.Delete(baseDirectory, recursive: true);
        }
    }

    [Fact]
    public void Resolve_PostgreSql_KeepsConnectionString()
    {
        const string connectionString = "Host=db.internal;Database=modelengine;Username=modelengine";

        var database = ServerDatabase.Resolve(
            Configuration(("Persistence:Provider", "postgresql"), ("ConnectionStrings:ModelEngine", connectionString)), Path.GetTempPath());

        Assert.Equal(PersistenceProvider.PostgreSql, database.Provider);
        Assert.Equal(connectionString, database.ConnectionString);
        Assert.Null(database.SqliteDatabasePath);
    }

    [Fact]
    public void Resolve_SqlServerWithoutConnectionString_Throws()
    {
        var exception = Assert.Throws<InvalidOperationException>(
            () => ServerDatabase.Resolve(Configuration(("Persistence:Provider", "SqlServer")), Path.GetTempPath()));

        Assert.Contains("ConnectionStrings:ModelEngine", exception.Message);
    }

    [Fact]
    public void Resolve_UnknownProvider_Throws()
    {
        var exception = Assert.Throws<InvalidOperationException>(
            () => ServerDatabase.Resolve(Configuration(("Persistence:Provider", "Oracle")), Path.GetTempPath()));

        Assert.Contains("Persistence:Provider", exception.Message);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(value => new KeyValuePair<string, string?>(value.Key, value.Value)))
            .Build();
}
