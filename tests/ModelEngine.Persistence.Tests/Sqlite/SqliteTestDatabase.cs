using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ModelEngine.Persistence.EntityFrameworkCore;
using ModelEngine.Persistence.EntityFrameworkCore.Sqlite;

namespace ModelEngine.Persistence.Tests.Sqlite;

/// <summary>A SQLite database file in a temporary directory of its own, deleted with the directory.</summary>
internal sealed class SqliteTestDatabase
{
    public SqliteTestDatabase(string fileName = "modelengine.db")
    {
        DirectoryPath = Path.Combine(Path.GetTempPath(), "modelengine-persistence-tests", Guid.NewGuid().ToString("N"));
        FilePath = Path.Combine(DirectoryPath, "data", fileName);
        ConnectionString = new SqliteConnectionStringBuilder { DataSource = FilePath }.ToString();
    }

    public string DirectoryPath { get; }

    public string FilePath { get; }

    public string ConnectionString { get; }

    /// <summary>Builds the stores on this file and applies the migrations, which also creates the file's directory.</summary>
    public async Task<ServiceProvider> CreateServiceProviderAsync(Action<SqliteStoreOptions>? configure = null)
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddModelEngineEntityFrameworkCore(ConnectionString, configure)
            .BuildServiceProvider();
        await services.MigrateModelEngineDatabaseAsync().WaitAsync(TaskTimeoutExtensions.Timeout);
        return services;
    }

    public Task DeleteAsync()
    {
        // Pooled connections keep the file open until the pool is cleared.
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(DirectoryPath))
        {
            Directory.Delete(DirectoryPath, recursive: true);
        }

        return Task.CompletedTask;
    }
}
