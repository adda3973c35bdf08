using Microsoft.Data.Sqlite;

namespace ModelEngine.Server.Hosting;

/// <summary>
/// Turns the configured SQLite connection string into one with an absolute file path, and creates the file's folder,
/// so that the embedded default <c>Data Source=./data/modelengine.db</c> works on a fresh clone.
/// </summary>
internal static class SqliteConnectionResolver
{
    public const string ConnectionStringName = "ModelEngine";
    public const string DefaultConnectionString = "Data Source=./data/modelengine.db";

    /// <summary>
    /// Returns the connection string with a relative <c>Data Source</c> resolved against
    /// <paramref name="baseDirectory"/>, and the absolute database file path.
    /// </summary>
    public static (string ConnectionString, string DatabasePath) Resolve(string? configured, string baseDirectory)
    {
        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured) ? DefaultConnectionString : configured);
        if (string.IsNullOrWhiteSpace(builder.DataSource) || builder.DataSource == ":memory:")
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{ConnectionStringName} must name a database file, such as '{DefaultConnectionString}'; " +
                $"'{builder.DataSource}' cannot be shared by the engine and the Hangfire timer storage.");
        }

        var path = Path.GetFullPath(builder.DataSource, baseDirectory);
        var folder = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        builder.DataSource = path;
        return (builder.ConnectionString, path);
    }
}
