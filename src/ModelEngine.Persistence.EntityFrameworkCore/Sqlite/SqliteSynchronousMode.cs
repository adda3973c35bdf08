namespace ModelEngine.Persistence.EntityFrameworkCore.Sqlite;

/// <summary>SQLite's <c>synchronous</c> pragma values that make sense with write-ahead logging.</summary>
public enum SqliteSynchronousMode
{
    /// <summary>
    /// Syncs the log at checkpoints only. A committed transaction survives a crash of the process, but the last ones
    /// can be lost when the machine loses power. The database stays consistent either way.
    /// </summary>
    Normal,

    /// <summary>Syncs the log at every commit, so a commit also survives a power loss, at a cost in throughput.</summary>
    Full,
}
