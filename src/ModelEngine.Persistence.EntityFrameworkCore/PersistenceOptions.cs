using ModelEngine.Persistence.EntityFrameworkCore.Sqlite;

namespace ModelEngine.Persistence.EntityFrameworkCore;

/// <summary>
/// The <c>Persistence</c> configuration section. The connection string is not part of it: it is read from
/// <c>ConnectionStrings:ModelEngine</c>, where hosts and secret stores usually keep connection strings.
/// </summary>
public sealed class PersistenceOptions
{
    /// <summary>The configuration section that this type binds to.</summary>
    public const string SectionName = "Persistence";

    /// <summary>The name of the connection string under <c>ConnectionStrings</c>.</summary>
    public const string ConnectionStringName = "ModelEngine";

    /// <summary>The configuration key of <see cref="Provider"/>.</summary>
    public const string ProviderKey = SectionName + ":" + nameof(Provider);

    /// <summary>The configuration key of the connection string.</summary>
    public const string ConnectionStringKey = "ConnectionStrings:" + ConnectionStringName;

    /// <summary>
    /// The name of a <see cref="PersistenceProvider"/> value: <c>Sqlite</c> (the default), <c>PostgreSql</c> or
    /// <c>SqlServer</c>, in any letter case. An empty value selects <c>Sqlite</c>.
    /// </summary>
    public string Provider { get; set; } = nameof(PersistenceProvider.Sqlite);

    /// <summary>Connection settings that apply when <see cref="Provider"/> is <c>Sqlite</c>. The other providers ignore them.</summary>
    public SqliteStoreOptions Sqlite { get; } = new();

    /// <summary>Parses <see cref="Provider"/>, or throws a message that lists the valid names when it names no provider.</summary>
    /// <exception cref="InvalidOperationException"><see cref="Provider"/> is not the name of a provider.</exception>
    public PersistenceProvider GetProvider()
    {
        if (string.IsNullOrWhiteSpace(Provider))
        {
            return PersistenceProvider.Sqlite;
        }

        // Enum.TryParse also accepts numbers and comma-separated lists, which are no provider names.
        var name = Provider.Trim();
        foreach (var provider in Enum.GetValues<PersistenceProvider>())
        {
            if (string.Equals(name, provider.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                return provider;
            }
        }

        throw new InvalidOperationException(
            $"The configuration value {ProviderKey} = '{Provider}' is not a database provider. Set it to one of {string.Join(", ", Enum.GetNames<PersistenceProvider>())}.");
    }
}
