using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;

namespace ModelEngine.Persistence.EntityFrameworkCore.SqlServer;

/// <summary>The SQL Server parts of the registration and of the error handling.</summary>
internal static class SqlServerProviderSetup
{
    // Error 2627 is a duplicate in a PRIMARY KEY or UNIQUE constraint, and 2601 a duplicate in a unique index.
    private const int UniqueConstraintViolation = 2627;
    private const int UniqueIndexViolation = 2601;

    public static void Configure(DbContextOptionsBuilder builder, string connectionString) => builder
        .UseSqlServer(
            connectionString,
            sqlServer => sqlServer.MigrationsAssembly(ModelEngineEntityFrameworkCoreServiceCollectionExtensions.SqlServerMigrationsAssembly));

    /// <summary>Whether <paramref name="exception"/> reports a duplicate primary key or unique key.</summary>
    public static bool IsUniqueViolation(Exception? exception) =>
        exception is SqlException { Number: UniqueConstraintViolation or UniqueIndexViolation };
}
