using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ModelEngine.Persistence.EntityFrameworkCore.Sqlite;

/// <summary>
/// Sets the pragmas of each SQLite connection when EF Core opens it. Write-ahead logging lets readers run while a
/// writer commits. The busy timeout makes concurrent writers wait for the lock instead of failing with SQLITE_BUSY.
/// The synchronous level sets how often the log is flushed to disk. Microsoft.Data.Sqlite pools the native handles
/// and the pragmas stay set on a handle, so each handle runs them once.
/// </summary>
internal sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    private readonly string _pragmas;

    /// <summary>The native handles that already ran the pragmas. Entries go when the pool closes a handle.</summary>
    private readonly ConditionalWeakTable<object, object> _initializedHandles = [];

    public SqlitePragmaInterceptor(SqliteStoreOptions options)
    {
        _pragmas = string.Create(
            CultureInfo.InvariantCulture,
            $"PRAGMA journal_mode = WAL; PRAGMA busy_timeout = {(long)options.BusyTimeout.TotalMilliseconds}; PRAGMA synchronous = {options.Synchronous.ToString().ToUpperInvariant()};");
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (!NeedsPragmas(connection))
        {
            return;
        }

        using var command = connection.CreateCommand();
        command.CommandText = _pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (!NeedsPragmas(connection))
        {
            return;
        }

        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = _pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Returns whether the native handle behind <paramref name="connection"/> has not run the pragmas yet, and marks it.</summary>
    private bool NeedsPragmas(DbConnection connection)
    {
        if (connection is not SqliteConnection { Handle: { } handle })
        {
            return true;
        }

        return _initializedHandles.TryAdd(handle, handle);
    }
}
