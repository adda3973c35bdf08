using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ModelEngine.Persistence.EntityFrameworkCore.Sqlite;

/// <summary>
/// Sets the pragmas of each SQLite connection when EF Core opens it. Write-ahead logging lets readers run while a
/// writer commits. The busy timeout makes concurrent writers wait for the lock instead of failing with SQLITE_BUSY.
/// The synchronous level sets how often the log is flushed to disk.
/// </summary>
internal sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    private readonly string _pragmas;

    public SqlitePragmaInterceptor(SqliteStoreOptions options)
    {
        _pragmas = string.Create(
            CultureInfo.InvariantCulture,
            $"PRAGMA journal_mode = WAL; PRAGMA busy_timeout = {(long)options.BusyTimeout.TotalMilliseconds}; PRAGMA synchronous = {options.Synchronous.ToString().ToUpperInvariant()};");
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = _pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = _pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
