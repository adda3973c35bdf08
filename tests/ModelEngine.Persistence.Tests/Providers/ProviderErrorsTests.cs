using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ModelEngine.Persistence.EntityFrameworkCore;
using Npgsql;

namespace ModelEngine.Persistence.Tests.Providers;

/// <summary>
/// The mapping of duplicate-key errors that turns them into conflicts. SQL Server's SqlException has no public
/// constructor, so its error numbers are not covered here.
/// </summary>
public sealed class ProviderErrorsTests
{
    [Theory]
    [InlineData(PostgresErrorCodes.UniqueViolation, true)]
    [InlineData(PostgresErrorCodes.ForeignKeyViolation, false)]
    [InlineData(PostgresErrorCodes.DeadlockDetected, false)]
    public void IsUniqueViolation_PostgresSqlState_MatchesOnlyUniqueViolation(string sqlState, bool expected)
    {
        var inner = new PostgresException("duplicate key value", "ERROR", "ERROR", sqlState);

        Assert.Equal(expected, ProviderErrors.IsUniqueViolation(new DbUpdateException("update failed", inner)));
    }

    [Theory]
    [InlineData(1555, true)]
    [InlineData(2067, true)]
    [InlineData(787, false)]
    public void IsUniqueViolation_SqliteExtendedCode_MatchesKeyConstraints(int extendedCode, bool expected)
    {
        var inner = new SqliteException("constraint failed", 19, extendedCode);

        Assert.Equal(expected, ProviderErrors.IsUniqueViolation(new DbUpdateException("update failed", inner)));
    }

    [Fact]
    public void IsUniqueViolation_OtherException_ReturnsFalse()
    {
        Assert.False(ProviderErrors.IsUniqueViolation(new DbUpdateException("update failed", new InvalidOperationException("other"))));
        Assert.False(ProviderErrors.IsUniqueViolation(new DbUpdateException("update failed")));
    }
}
