using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ModelEngine.Persistence.EntityFrameworkCore.PostgreSql;

/// <summary>The PostgreSQL parts of the registration and of the error handling.</summary>
internal static class PostgreSqlProviderSetup
{
    public static void Configure(DbContextOptionsBuilder builder, string connectionString) => builder
        .UseNpgsql(
            connectionString,
            npgsql => npgsql.MigrationsAssembly(ModelEngineEntityFrameworkCoreServiceCollectionExtensions.PostgreSqlMigrationsAssembly));

    /// <summary>Whether <paramref name="exception"/> reports a duplicate primary key or unique key (SQLSTATE 23505).</summary>
    public static bool IsUniqueViolation(Exception? exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
}
