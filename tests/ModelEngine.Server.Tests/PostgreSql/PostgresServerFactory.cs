using ModelEngine.Persistence.Tests.PostgreSql;
using ModelEngine.Server.Tests.Infrastructure;

namespace ModelEngine.Server.Tests.PostgreSql;

/// <summary>
/// A server on PostgreSQL, with Hangfire on, and a database of its own, <c>modelengine_server_test_&lt;random&gt;</c>,
/// created on the server that <c>MODELENGINE_TEST_POSTGRES</c> names and dropped when the test class ends. Without the
/// variable nothing is created, and <see cref="Server"/> throws the message that names it.
/// </summary>
public sealed class PostgresServerFactory : IAsyncLifetime
{
    private readonly PostgresDatabase _database = new("modelengine_server_test_");
    private ServerFactory? _server;

    public string DatabaseName => _database.Name;

    /// <summary>The connection string of this class's database.</summary>
    public string ConnectionString => _database.ConnectionString;

    /// <summary>The server, or an exception that names <c>MODELENGINE_TEST_POSTGRES</c> when it is not set.</summary>
    public ServerFactory Server
    {
        get
        {
            PostgresTestServer.RequireConnectionString();
            return _server ?? throw new InvalidOperationException("The PostgreSQL server factory was used before InitializeAsync created the server.");
        }
    }

    public async Task InitializeAsync()
    {
        if (PostgresTestServer.ConnectionString is null)
        {
            return;
        }

        await _database.CreateAsync();
        _server = new ServerFactory()
            .WithSetting("Persistence:Provider", "PostgreSql")
            .WithSetting("ConnectionStrings:ModelEngine", ConnectionString)
            .WithSetting("Scheduling:Enabled", "true");
    }

    public async Task DisposeAsync()
    {
        if (_server is null)
        {
            return;
        }

        await _server.DisposeAsync().AsTask().WaitAsync(Timeouts.Request);
        await _database.DropAsync();
    }

    /// <summary>
    /// Runs a query on this class's database, with <paramref name="parameters"/> as <c>$1</c>, <c>$2</c> and so on,
    /// and returns the first column of the first row.
    /// </summary>
    public Task<object?> QueryScalarAsync(string sql, params object[] parameters) => _database.QueryScalarAsync(sql, parameters);
}
