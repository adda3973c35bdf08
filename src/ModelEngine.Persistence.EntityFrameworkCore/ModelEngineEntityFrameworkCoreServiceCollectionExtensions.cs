using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ModelEngine.HumanTasks.Inbox;
using ModelEngine.Persistence.EntityFrameworkCore.Definitions;
using ModelEngine.Persistence.EntityFrameworkCore.HumanTasks;
using ModelEngine.Persistence.EntityFrameworkCore.Instances;
using ModelEngine.Persistence.EntityFrameworkCore.Sqlite;
using ModelEngine.Persistence.EntityFrameworkCore.Timers;
using ModelEngine.Workflows.Persistence;

namespace ModelEngine.Persistence.EntityFrameworkCore;

/// <summary>Registers the EF Core stores.</summary>
public static class ModelEngineEntityFrameworkCoreServiceCollectionExtensions
{
    /// <summary>The assembly that contains the SQLite migrations. The host must reference it.</summary>
    public const string SqliteMigrationsAssembly = "ModelEngine.Migrations.Sqlite";

    /// <summary>
    /// Registers the stores on a SQLite database, such as <c>Data Source=./data/modelengine.db</c>. They replace any
    /// store registered before, such as in-memory defaults. Call
    /// <see cref="ModelEngineDatabaseServiceProviderExtensions.MigrateModelEngineDatabaseAsync"/> at start-up to create
    /// or upgrade the database.
    /// </summary>
    public static IServiceCollection AddModelEngineEntityFrameworkCore(
        this IServiceCollection services, string connectionString, Action<SqliteStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);

        var options = new SqliteStoreOptions();
        configure?.Invoke(options);
        var interceptor = new SqlitePragmaInterceptor(options);

        services.AddPooledDbContextFactory<ModelEngineDbContext>(builder => builder
            .UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(SqliteMigrationsAssembly))
            .AddInterceptors(interceptor));

        // SQLite admits one writer at a time, so writers of this process queue in memory instead of in its busy handler.
        services.RemoveAll<WriteLock>();
        services.AddSingleton(_ => new WriteLock(serializeWriters: true));

        Replace<IWorkflowDefinitionStore, EfWorkflowDefinitionStore>(services);
        Replace<IWorkflowInstanceStore, EfWorkflowInstanceStore>(services);
        Replace<IWorkflowCommitter, EfWorkflowCommitter>(services);
        Replace<IDurableTimerStore, EfDurableTimerStore>(services);
        Replace<IHumanTaskStore, EfHumanTaskStore>(services);
        return services;
    }

    private static void Replace<TService, TImplementation>(IServiceCollection services)
        where TService : class
        where TImplementation : class, TService
    {
        services.RemoveAll<TService>();
        services.AddSingleton<TService, TImplementation>();
    }
}
