using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ModelEngine.Persistence.EntityFrameworkCore.Sqlite;

/// <summary>The SQLite parts of the registration and of the error handling.</summary>
internal static class SqliteProviderSetup
{
    // SQLITE_CONSTRAINT_PRIMARYKEY and SQLITE_CONSTRAINT_UNIQUE, from https://www.sqlite.org/rescode.html.
    private const int ConstraintPrimaryKey = 1555;
    private const int ConstraintUnique = 2067;

    public static void Configure(DbContextOptionsBuilder builder, string connectionString, SqliteStoreOptions options) => builder
        .UseSqlite(
            connectionString,
            sqlite => sqlite.MigrationsAssembly(ModelEngineEntityFrameworkCoreServiceCollectionExtensions.SqliteMigrationsAssembly))
        .AddInterceptors(new SqlitePragmaInterceptor(options));

    /// <summary>Whether <paramref name="exception"/> reports a duplicate primary key or unique key.</summary>
    public static bool IsUniqueViolation(Exception? exception) =>
        exception is SqliteException sqlite
        && sqlite.SqliteExtendedErrorCode is ConstraintPrimaryKey or ConstraintUnique;
}
