using Npgsql;

namespace ModelEngine.Benchmarks.PostgreSql;

/// <summary>
/// A new database on the PostgreSQL server that <c>MODELENGINE_BENCH_POSTGRES</c> (or, failing that,
/// <c>MODELENGINE_TEST_POSTGRES</c>) names, dropped again by <see cref="DisposeAsync"/>. <c>source .ci/postgres.sh</c>
/// starts a private server on loopback and exports the second variable.
/// </summary>
internal sealed class BenchmarkDatabase : IAsyncDisposable
{
    public const string ServerVariable = "MODELENGINE_BENCH_POSTGRES";
    public const string TestServerVariable = "MODELENGINE_TEST_POSTGRES";

    private readonly string _serverConnectionString;
    private readonly string _name;

    private BenchmarkDatabase(string serverConnectionString, string name, string connectionString)
    {
        _serverConnectionString = serverConnectionString;
        _name = name;
        ConnectionString = connectionString;
    }

    /// <summary>The connection string of the new database, with a pool large enough for the concurrent cases.</summary>
    public string ConnectionString { get; }

    public static async Task<BenchmarkDatabase> CreateAsync()
    {
        var server = Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } bench
            ? bench
            : Environment.GetEnvironmentVariable(TestServerVariable);
        if (string.IsNullOrWhiteSpace(server))
        {
            throw new InvalidOperationException(
                $"The PostgreSQL benchmarks need a server: set {ServerVariable} to a connection string, or run `source .ci/postgres.sh` first, which sets {TestServerVariable}.");
        }

        var name = "modelengine_bench_" + Guid.NewGuid().ToString("N")[..12];
        await ExecuteAsync(server, $"CREATE DATABASE \"{name}\"");
        var builder = new NpgsqlConnectionStringBuilder(server) { Database = name, MaxPoolSize = 100 };
        return new BenchmarkDatabase(server, name, builder.ConnectionString);
    }

    /// <summary>Runs SQL on this database, such as a bulk insert of seed rows.</summary>
    public Task ExecuteAsync(string sql) => ExecuteAsync(ConnectionString, sql);

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(_serverConnectionString, $"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)");
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        await command.ExecuteNonQueryAsync();
    }
}
