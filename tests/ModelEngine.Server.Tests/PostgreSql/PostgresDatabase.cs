using ModelEngine.Persistence.Tests.PostgreSql;
using ModelEngine.Server.Tests.Infrastructure;
using Npgsql;

namespace ModelEngine.Server.Tests.PostgreSql;

/// <summary>
/// A database of its own, <c>&lt;prefix&gt;&lt;random&gt;</c>, on the server that <c>MODELENGINE_TEST_POSTGRES</c> names, with
/// queries for tests that check rows directly.
/// </summary>
public sealed class PostgresDatabase
{
    public PostgresDatabase(string namePrefix)
    {
        Name = namePrefix + Guid.NewGuid().ToString("N");
    }

    public string Name { get; }

    /// <summary>The connection string of this database, or an exception that names the missing variable.</summary>
    public string ConnectionString => new NpgsqlConnectionStringBuilder(PostgresTestServer.RequireConnectionString())
    {
        Database = Name,
    }.ConnectionString;

    public Task CreateAsync()
    {
        // The name is generated from a GUID, so quoting it is safe. Identifiers cannot be parameters.
        return ExecuteOnServerAsync($"CREATE DATABASE \"{Name}\"");
    }

    /// <summary>Drops the database, closing the pooled connections to it first.</summary>
    public async Task DropAsync()
    {
        await using (var pooled = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
    }

    /// <summary>
    /// Runs a query on this database, with <paramref name="parameters"/> as <c>$1</c>, <c>$2</c> and so on, and returns
    /// the first column of the first row.
    /// </summary>
    public async Task<object?> QueryScalarAsync(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync().WaitAsync(Timeouts.Request);
        await using var command = CreateCommand(connection, sql, parameters);
        return await command.ExecuteScalarAsync().WaitAsync(Timeouts.Request);
    }

    public async Task<long> CountAsync(string sql, params object[] parameters) => Convert.ToInt64(await QueryScalarAsync(sql, parameters));

    /// <summary>Runs a query on this database and returns the first column of every row as text.</summary>
    public async Task<List<string>> ListAsync(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync().WaitAsync(Timeouts.Request);
        await using var command = CreateCommand(connection, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync().WaitAsync(Timeouts.Request);
        var values = new List<string>();
        while (await reader.ReadAsync().WaitAsync(Timeouts.Request))
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    private static NpgsqlCommand CreateCommand(NpgsqlConnection connection, string sql, object[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return command;
    }

    private static async Task ExecuteOnServerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(PostgresTestServer.RequireConnectionString());
        await connection.OpenAsync().WaitAsync(Timeouts.Request);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync().WaitAsync(Timeouts.Request);
    }
}
