using System.Data.Common;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage;

namespace ModelEngine.Server.Problems;

/// <summary>
/// Recognizes an exception that means the database cannot be reached or is busy, as opposed to a bad query or a
/// constraint violation. It checks the provider-neutral signals on <see cref="DbException"/> and its inner exceptions,
/// plus the SQLite codes, because Microsoft.Data.Sqlite does not set <see cref="DbException.IsTransient"/>.
/// </summary>
internal static class DatabaseUnavailableClassifier
{
    // SQLite primary result codes SQLITE_BUSY, SQLITE_LOCKED and SQLITE_CANTOPEN, as defined in sqlite3.h.
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteCantOpen = 14;

    /// <summary>How many exceptions deep the check follows inner exceptions.</summary>
    private const int MaxDepth = 8;

    public static bool IsDatabaseUnavailable(Exception exception)
    {
        var insideDbException = false;
        var current = exception;
        for (var depth = 0; current is not null && depth < MaxDepth; depth++)
        {
            switch (current)
            {
                case SqliteException sqlite when sqlite.SqliteErrorCode is SqliteBusy or SqliteLocked or SqliteCantOpen:
                    return true;
                case DbException { IsTransient: true }:
                    return true;
                case DbException:
                    insideDbException = true;
                    break;
                // EF Core throws this after its execution strategy gave up retrying transient failures.
                case RetryLimitExceededException:
                    return true;
                // A socket failure or a pool timeout under a provider exception is a connection failure. A bare
                // TimeoutException elsewhere in the server is not about the database, so it does not count.
                case SocketException or TimeoutException when insideDbException:
                    return true;
                case AggregateException { InnerExceptions.Count: 1 } aggregate:
                    current = aggregate.InnerExceptions[0];
                    continue;
            }

            current = current.InnerException;
        }

        return false;
    }
}
