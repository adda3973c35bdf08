using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ModelEngine.HumanTasks.Filters;
using ModelEngine.HumanTasks.Inbox;
using ModelEngine.HumanTasks.Notifications;
using ModelEngine.HumanTasks.Search;
using ModelEngine.HumanTasks.Substitutes;
using ModelEngine.Persistence.EntityFrameworkCore.Auditing;
using ModelEngine.Persistence.EntityFrameworkCore.Credentials;
using ModelEngine.Persistence.EntityFrameworkCore.Definitions;
using ModelEngine.Persistence.EntityFrameworkCore.HttpTriggers;
using ModelEngine.Persistence.EntityFrameworkCore.HumanTasks;
using ModelEngine.Persistence.EntityFrameworkCore.Idempotency;
using ModelEngine.Persistence.EntityFrameworkCore.Instances;
using ModelEngine.Persistence.EntityFrameworkCore.Leases;
using ModelEngine.Persistence.EntityFrameworkCore.Messaging;
using ModelEngine.Persistence.EntityFrameworkCore.Notifications;
using ModelEngine.Persistence.EntityFrameworkCore.PostgreSql;
using ModelEngine.Persistence.EntityFrameworkCore.Sqlite;
using ModelEngine.Persistence.EntityFrameworkCore.Substitutes;
using ModelEngine.Persistence.EntityFrameworkCore.SqlServer;
using ModelEngine.Persistence.EntityFrameworkCore.Timers;
using ModelEngine.Workflows.Auditing;
using ModelEngine.Workflows.Activities.Http;
using ModelEngine.Workflows.Idempotency;
using ModelEngine.Workflows.Messaging;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Security.Credentials;

namespace ModelEngine.Persistence.EntityFrameworkCore;

/// <summary>Registers the EF Core stores.</summary>
public static class ModelEngineEntityFrameworkCoreServiceCollectionExtensions
{
    /// <summary>The assembly that contains the SQLite migrations. A host on SQLite must reference it.</summary>
    public const string SqliteMigrationsAssembly = "ModelEngine.Migrations.Sqlite";

    /// <summary>The assembly that contains the PostgreSQL migrations. A host on PostgreSQL must reference it.</summary>
    public const string PostgreSqlMigrationsAssembly = "ModelEngine.Migrations.PostgreSql";

    /// <summary>The assembly that contains the SQL Server migrations. A host on SQL Server must reference it.</summary>
    public const string SqlServerMigrationsAssembly = "ModelEngine.Migrations.SqlServer";

    /// <summary>
    /// Registers the stores on a SQLite database, such as <c>Data Source=./data/modelengine.db</c>. They replace any
    /// store registered before, such as in-memory defaults. Call
    /// <see cref="ModelEngineDatabaseServiceProviderExtensions.MigrateModelEngineDatabaseAsync"/> at start-up to create
    /// or upgrade the database.
    /// </summary>
    public static IServiceCollection AddModelEngineEntityFrameworkCore(
        this IServiceCollection services, string connectionString, Action<SqliteStoreOptions>? configure = null) =>
        services.AddModelEngineEntityFrameworkCore(PersistenceProvider.Sqlite, connectionString, configure);

    /// <summary>
    /// Registers the stores on the database that <paramref name="provider"/> and <paramref name="connectionString"/>
    /// name. They replace any store registered before. <paramref name="configureSqlite"/> runs only for
    /// <see cref="PersistenceProvider.Sqlite"/>. The host must reference the provider's migrations assembly, such as
    /// <see cref="PostgreSqlMigrationsAssembly"/>.
    /// </summary>
    public static IServiceCollection AddModelEngineEntityFrameworkCore(
        this IServiceCollection services,
        PersistenceProvider provider,
        string connectionString,
        Action<SqliteStoreOptions>? configureSqlite = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);

        // SQLite admits one writer at a time, so writers of this process queue in memory instead of in its busy
        // handler. PostgreSQL and SQL Server lock rows, and writers in any process are kept apart by the revision
        // concurrency tokens and the transactions, so their writers do not queue.
        bool serializeWriters;
        switch (provider)
        {
            case PersistenceProvider.Sqlite:
                var sqliteOptions = new SqliteStoreOptions();
                configureSqlite?.Invoke(sqliteOptions);
                services.AddPooledDbContextFactory<ModelEngineDbContext>(builder => SqliteProviderSetup.Configure(builder, connectionString, sqliteOptions));
                serializeWriters = true;
                break;
            case PersistenceProvider.PostgreSql:
                services.AddPooledDbContextFactory<ModelEngineDbContext>(builder => PostgreSqlProviderSetup.Configure(builder, connectionString));
                serializeWriters = false;
                break;
            case PersistenceProvider.SqlServer:
                services.AddPooledDbContextFactory<ModelEngineDbContext>(builder => SqlServerProviderSetup.Configure(builder, connectionString));
                serializeWriters = false;
                break;
            default:
                throw new ArgumentOutOfRangeException(
                    nameof(provider), provider, $"Unknown database provider. Use one of {string.Join(", ", Enum.GetNames<PersistenceProvider>())}.");
        }

        services.RemoveAll<WriteLock>();
        services.AddSingleton(_ => new WriteLock(serializeWriters));

        Replace<IWorkflowDefinitionStore, EfWorkflowDefinitionStore>(services);
        Replace<IWorkflowInstanceStore, EfWorkflowInstanceStore>(services);
        Replace<IWorkflowStatistics, EfWorkflowStatistics>(services);
        Replace<IWorkflowCommitter, EfWorkflowCommitter>(services);
        Replace<IDurableTimerStore, EfDurableTimerStore>(services);
        Replace<IHumanTaskStore, EfHumanTaskStore>(services);
        Replace<ITaskSearch, EfTaskSearch>(services);
        Replace<ISavedTaskFilterStore, EfSavedTaskFilterStore>(services);
        Replace<ISubstituteStore, EfSubstituteStore>(services);
        Replace<IAuditLog, EfAuditLog>(services);
        Replace<IApiKeyStore, EfApiKeyStore>(services);
        Replace<IRefreshTokenStore, EfRefreshTokenStore>(services);
        Replace<IIdempotencyStore, EfIdempotencyStore>(services);
        Replace<IHttpTriggerStore, EfHttpTriggerStore>(services);
        Replace<IOutboxStore, EfOutboxStore>(services);
        Replace<INotificationDeliveryStore, EfNotificationDeliveryStore>(services);

        // The committers wake the outbox relay after commits that wrote task events; hosts without a relay get a no-op.
        services.TryAddSingleton<IOutboxSignal, NullOutboxSignal>();

        // SQLite is the embedded single-node database, so its leases stay in memory and a step costs no lease round
        // trip. PostgreSQL and SQL Server may be shared by several nodes, which coordinate through the lease table.
        if (provider != PersistenceProvider.Sqlite)
        {
            services.RemoveAll<IWorkflowLeaseStore>();
            services.AddSingleton<IWorkflowLeaseStore>(serviceProvider => ActivatorUtilities.CreateInstance<EfWorkflowLeaseStore>(serviceProvider, provider));
        }

        return services;
    }

    /// <summary>
    /// Registers the stores on the provider that <c>Persistence:Provider</c> names (default <c>Sqlite</c>) and the
    /// connection string <c>ConnectionStrings:ModelEngine</c>. <c>Persistence:Sqlite</c> binds to
    /// <see cref="SqliteStoreOptions"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The provider name is unknown or the connection string is missing.</exception>
    public static IServiceCollection AddModelEngineEntityFrameworkCore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        var options = configuration.GetSection(PersistenceOptions.SectionName).Get<PersistenceOptions>() ?? new PersistenceOptions();
        var provider = options.GetProvider();
        var connectionString = configuration.GetConnectionString(PersistenceOptions.ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"The connection string {PersistenceOptions.ConnectionStringKey} is missing. Set it to the {provider} connection string of the ModelEngine database.");
        }

        return services.AddModelEngineEntityFrameworkCore(provider, connectionString, sqlite =>
        {
            sqlite.BusyTimeout = options.Sqlite.BusyTimeout;
            sqlite.Synchronous = options.Sqlite.Synchronous;
        });
    }

    private static void Replace<TService, TImplementation>(IServiceCollection services)
        where TService : class
        where TImplementation : class, TService
    {
        services.RemoveAll<TService>();
        services.AddSingleton<TService, TImplementation>();
    }
}
