using Microsoft.Extensions.DependencyInjection;
using ModelEngine.Persistence.EntityFrameworkCore;
using Npgsql;

namespace ModelEngine.Persistence.Tests.PostgreSql;

/// <summary>
/// A database of its own, <c>modelengine_test_&lt;random&gt;</c>, on the server of <see cref="PostgresTestServer"/>. The
/// migrations create it, and <see cref="DeleteAsync"/> drops it.
/// </summary>
internal sealed class PostgresTestDatabase
{
    public string DatabaseName { get; } = "modelengine_test_" + Guid.NewGuid().ToString("N");

    /// <summary>The connection string of this database. It throws when the server is not configured.</summary>
    public string ConnectionString => new NpgsqlConnectionStringBuilder(PostgresTestServer.RequireConnectionString())
    {
        Database = DatabaseName,
    }.ConnectionString;

    /// <summary>Builds the stores on this database and applies the migrations, which also creates the database.</summary>
    public async Task<ServiceProvider> CreateServiceProviderAsync()
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddModelEngineEntityFrameworkCore(PersistenceProvider.PostgreSql, ConnectionString)
            .BuildServiceProvider();
        await services.MigrateModelEngineDatabaseAsync().WaitAsync(TaskTimeoutExtensions.Timeout);
        return services;
    }

    /// <summary>Drops the database, closing any connection that is still open to it.</summary>
    public async Task DeleteAsync()
    {
        if (PostgresTestServer.ConnectionString is not { } serverConnectionString)
        {
            return;
        }

        await using (var pooled = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        await using var connection = new NpgsqlConnection(serverConnectionString);
        await connection.OpenAsync().WithTimeout();
        await using var command = connection.CreateCommand();

        // The name is generated above from a GUID, so quoting it is safe. Identifiers cannot be parameters.
        command.CommandText = $"DROP DATABASE IF EXISTS \"{DatabaseName}\" WITH (FORCE)";
        await command.ExecuteNonQueryAsync().WithTimeout();
    }
}
