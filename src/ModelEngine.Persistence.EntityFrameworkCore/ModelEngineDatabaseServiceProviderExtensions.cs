using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ModelEngine.Persistence.EntityFrameworkCore;

/// <summary>Creates or upgrades the database at start-up.</summary>
public static partial class ModelEngineDatabaseServiceProviderExtensions
{
    /// <summary>
    /// Applies the pending migrations. For a SQLite file, creates the file's directory first. Call it once at start-up,
    /// before the stores are used.
    /// </summary>
    public static async Task MigrateModelEngineDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        var logger = services.GetService<ILoggerFactory>()?.CreateLogger(typeof(ModelEngineDbContext).FullName!)
            ?? NullLogger.Instance;
        var contextFactory = services.GetRequiredService<IDbContextFactory<ModelEngineDbContext>>();

        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        if (context.Database.IsSqlite())
        {
            CreateSqliteDirectory(context.Database.GetConnectionString());
        }

        var pending = (await context.Database.GetPendingMigrationsAsync(cancellationToken).ConfigureAwait(false)).ToList();
        if (pending.Count == 0)
        {
            return;
        }

        Log.MigrationsApplying(logger, pending.Count, string.Join(", ", pending));
        await context.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        Log.MigrationsApplied(logger, pending.Count);
    }

    private static void CreateSqliteDirectory(string? connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var dataSource = builder.DataSource;
        var inMemory = builder.Mode == SqliteOpenMode.Memory
            || string.IsNullOrEmpty(dataSource)
            || dataSource.Equals(":memory:", StringComparison.OrdinalIgnoreCase);
        if (inMemory)
        {
            return;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = PersistenceEventIds.MigrationsApplying, Level = LogLevel.Information,
            Message = "Applying {Count} database migrations: {Migrations}")]
        public static partial void MigrationsApplying(ILogger logger, int count, string migrations);

        [LoggerMessage(EventId = PersistenceEventIds.MigrationsApplied, Level = LogLevel.Information,
            Message = "Applied {Count} database migrations")]
        public static partial void MigrationsApplied(ILogger logger, int count);
    }
}
