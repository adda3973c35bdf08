using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ModelEngine.Persistence.EntityFrameworkCore;

/// <summary>Recognises provider error codes. Each supported provider adds its codes here.</summary>
internal static class ProviderErrors
{
    // SQLITE_CONSTRAINT_PRIMARYKEY and SQLITE_CONSTRAINT_UNIQUE, from https://www.sqlite.org/rescode.html.
    private const int SqliteConstraintPrimaryKey = 1555;
    private const int SqliteConstraintUnique = 2067;

    /// <summary>Whether the update failed because a row with the same primary key or unique key already exists.</summary>
    public static bool IsUniqueViolation(DbUpdateException exception) =>
        exception.InnerException is SqliteException sqlite
        && sqlite.SqliteExtendedErrorCode is SqliteConstraintPrimaryKey or SqliteConstraintUnique;
}
