namespace ModelEngine.Persistence.EntityFrameworkCore.Sqlite;

/// <summary>Connection settings of the SQLite stores.</summary>
public sealed class SqliteStoreOptions
{
    /// <summary>How long a writer waits for another writer's lock before SQLite reports the database busy. Default 5 s.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The durability of a commit. Default <see cref="SqliteSynchronousMode.Full"/>.</summary>
    public SqliteSynchronousMode Synchronous { get; set; } = SqliteSynchronousMode.Full;
}
