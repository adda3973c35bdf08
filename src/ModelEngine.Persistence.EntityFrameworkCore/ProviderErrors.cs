using Microsoft.EntityFrameworkCore;
using ModelEngine.Persistence.EntityFrameworkCore.PostgreSql;
using ModelEngine.Persistence.EntityFrameworkCore.Sqlite;
using ModelEngine.Persistence.EntityFrameworkCore.SqlServer;

namespace ModelEngine.Persistence.EntityFrameworkCore;

/// <summary>Recognises provider error codes. Each provider's setup class checks its own codes.</summary>
internal static class ProviderErrors
{
    /// <summary>Whether the update failed because a row with the same primary key or unique key already exists.</summary>
    public static bool IsUniqueViolation(DbUpdateException exception) =>
        SqliteProviderSetup.IsUniqueViolation(exception.InnerException)
        || PostgreSqlProviderSetup.IsUniqueViolation(exception.InnerException)
        || SqlServerProviderSetup.IsUniqueViolation(exception.InnerException);
}
