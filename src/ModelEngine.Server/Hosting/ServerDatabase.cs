using ModelEngine.Persistence.EntityFrameworkCore;

namespace ModelEngine.Server.Hosting;

/// <summary>
/// The database that the stores and Hangfire share: the provider from <c>Persistence:Provider</c> and the connection
/// string from <c>ConnectionStrings:ModelEngine</c>.
/// </summary>
/// <param name="Provider">The database provider.</param>
/// <param name="ConnectionString">The connection string, with a SQLite file path made absolute.</param>
/// <param name="SqliteDatabasePath">The absolute path of the SQLite file, or null for the other providers.</param>
internal sealed record ServerDatabase(PersistenceProvider Provider, string ConnectionString, string? SqliteDatabasePath)
{
    /// <summary>
    /// Reads the provider and the connection string. For SQLite, a missing connection string selects the default file
    /// and a relative path resolves against <paramref name="baseDirectory"/>. The other providers need the connection
    /// string.
    /// </summary>
    /// <exception cref="InvalidOperationException">The provider is unknown, or its connection string is missing or unusable.</exception>
    public static ServerDatabase Resolve(IConfiguration configuration, string baseDirectory)
    {
        var options = configuration.GetSection(PersistenceOptions.SectionName).Get<PersistenceOptions>() ?? new PersistenceOptions();
        var provider = options.GetProvider();
        var configured = configuration.GetConnectionString(PersistenceOptions.ConnectionStringName);
        if (provider == PersistenceProvider.Sqlite)
        {
            var (connectionString, databasePath) = SqliteConnectionResolver.Resolve(configured, baseDirectory);
            return new ServerDatabase(provider, connectionString, databasePath);
        }

        if (string.IsNullOrWhiteSpace(configured))
        {
            throw new InvalidOperationException(
                $"The connection string {PersistenceOptions.ConnectionStringKey} is missing. Set it to the {provider} connection string of the ModelEngine database.");
        }

        return new ServerDatabase(provider, configured, SqliteDatabasePath: null);
    }
}
