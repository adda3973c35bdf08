using Hangfire.PostgreSql;
using Hangfire.SqlServer;
using Microsoft.Data.SqlClient;
using ModelEngine.Persistence.EntityFrameworkCore;
using ModelEngine.Server.Hosting;
using Npgsql;

namespace ModelEngine.Server.Scheduling;

/// <summary>
/// Creates or upgrades Hangfire's tables on PostgreSQL and SQL Server. Hangfire's storage would do it when it is
/// constructed, but the host builds the storage before any hosted service starts, which is before the migrations have
/// created the database. So the storage is built with <c>PrepareSchemaIfNecessary</c> off, and
/// <see cref="DatabaseStartupService"/> calls this class after the migrations. SQLite storage creates its own tables.
/// </summary>
internal sealed partial class HangfireSchemaInstaller
{
    /// <summary>The schema of Hangfire's tables on PostgreSQL.</summary>
    public const string PostgreSqlSchema = "hangfire";

    /// <summary>The schema of Hangfire's tables on SQL Server, which is Hangfire.SqlServer's default.</summary>
    public const string SqlServerSchema = "HangFire";

    private readonly ServerDatabase _database;
    private readonly ILogger<HangfireSchemaInstaller> _logger;

    public HangfireSchemaInstaller(ServerDatabase database, ILogger<HangfireSchemaInstaller> logger)
    {
        _database = database;
        _logger = logger;
    }

    public async Task InstallAsync(CancellationToken cancellationToken)
    {
        switch (_database.Provider)
        {
            case PersistenceProvider.PostgreSql:
                await using (var connection = new NpgsqlConnection(_database.ConnectionString))
                {
                    await connection.OpenAsync(cancellationToken);
                    PostgreSqlObjectsInstaller.Install(connection, PostgreSqlSchema);
                }

                Log.Installed(_logger, PostgreSqlSchema);
                break;
            case PersistenceProvider.SqlServer:
                await using (var connection = new SqlConnection(_database.ConnectionString))
                {
                    await connection.OpenAsync(cancellationToken);
                    SqlServerObjectsInstaller.Install(connection, SqlServerSchema, enableHeavyMigrations: false);
                }

                Log.Installed(_logger, SqlServerSchema);
                break;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1250, Level = LogLevel.Information, Message = "Hangfire's tables in schema {Schema} are up to date.")]
        public static partial void Installed(ILogger logger, string schema);
    }
}
