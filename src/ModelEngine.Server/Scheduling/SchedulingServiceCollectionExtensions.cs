using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.SqlServer;
using Hangfire.Storage.SQLite;
using Microsoft.Data.SqlClient;
using ModelEngine.Persistence.EntityFrameworkCore;
using ModelEngine.Server.Hosting;
using ModelEngine.Server.Scheduling.CronTriggers;
using ModelEngine.Workflows.Management;
using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Server.Scheduling;

/// <summary>
/// Registers the timer and cron trigger jobs and, when <c>Scheduling:Enabled</c> is on, Hangfire with its storage in the
/// server's own database and the cron triggers' recurring jobs.
/// </summary>
internal static class SchedulingServiceCollectionExtensions
{
    /// <summary>
    /// Adds the timer scheduling. Hangfire stores its jobs in <paramref name="database"/>, in tables of its own: in the
    /// SQLite file itself, or in the schema <see cref="HangfireSchemaInstaller.PostgreSqlSchema"/> on PostgreSQL and
    /// <see cref="HangfireSchemaInstaller.SqlServerSchema"/> on SQL Server.
    /// </summary>
    public static IServiceCollection AddServerScheduling(this IServiceCollection services, IConfiguration configuration, ServerDatabase database)
    {
        var section = configuration.GetSection(SchedulingOptions.SectionName);
        services.Configure<SchedulingOptions>(section);
        services.AddTransient<DurableTimerJob>();
        services.AddTransient<TimerSweepJob>();
        services.AddTransient<CronTriggerJob>();

        var options = section.Get<SchedulingOptions>() ?? new SchedulingOptions();
        if (!options.Enabled)
        {
            services.AddSingleton<IDurableTimerScheduler, DisabledTimerScheduler>();
            return services;
        }

        services.AddHangfire(config => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseServerDatabaseStorage(database, options));
        services.AddSingleton<HangfireSchemaInstaller>();
        services.AddSingleton<IDurableTimerScheduler, HangfireTimerScheduler>();
        services.AddHostedService<TimerSweepStartupService>();
        services.AddSingleton<CronTriggerRegistry>();
        services.AddSingleton<IWorkflowPublicationHandler, CronTriggerPublicationHandler>();
        services.AddHostedService<CronTriggerStartupService>();
        services.AddHangfireServer(server =>
        {
            server.SchedulePollingInterval = options.SchedulePollingInterval;
            server.WorkerCount = options.WorkerCount;
        });
        return services;
    }

    /// <summary>
    /// Stores Hangfire's jobs in the server's database, without opening a connection. On PostgreSQL and SQL Server the
    /// database may not exist yet, so <see cref="HangfireSchemaInstaller"/> creates the tables after the migrations.
    /// </summary>
    private static IGlobalConfiguration UseServerDatabaseStorage(this IGlobalConfiguration configuration, ServerDatabase database, SchedulingOptions options)
    {
        switch (database.Provider)
        {
            case PersistenceProvider.Sqlite:
                return configuration.UseSQLiteStorage(database.SqliteDatabasePath!, new SQLiteStorageOptions
                {
                    QueuePollInterval = options.QueuePollInterval,
                });
            case PersistenceProvider.PostgreSql:
                var postgreSqlOptions = new PostgreSqlStorageOptions
                {
                    SchemaName = HangfireSchemaInstaller.PostgreSqlSchema,
                    PrepareSchemaIfNecessary = false,
                    QueuePollInterval = options.QueuePollInterval,
                };
                return configuration.UseStorage(new PostgreSqlStorage(
                    new NpgsqlConnectionFactory(database.ConnectionString, postgreSqlOptions), postgreSqlOptions));
            case PersistenceProvider.SqlServer:
                var connectionString = database.ConnectionString;
                return configuration.UseStorage(new SqlServerStorage(() => new SqlConnection(connectionString), new SqlServerStorageOptions
                {
                    SchemaName = HangfireSchemaInstaller.SqlServerSchema,
                    PrepareSchemaIfNecessary = false,

                    // The detection reads the schema version from the database, which may not exist yet when the storage is built.
                    TryAutoDetectSchemaDependentOptions = false,
                    QueuePollInterval = options.QueuePollInterval,
                }));
            default:
                throw new ArgumentOutOfRangeException(nameof(database), database.Provider, $"Hangfire has no storage for the database provider {database.Provider}.");
        }
    }

    /// <summary>Serves the Hangfire dashboard at <c>/hangfire</c> to admins, when scheduling and the dashboard are on.</summary>
    public static WebApplication UseServerScheduling(this WebApplication app)
    {
        var options = app.Configuration.GetSection(SchedulingOptions.SectionName).Get<SchedulingOptions>() ?? new SchedulingOptions();
        if (options.Enabled && options.DashboardEnabled)
        {
            app.UseHangfireDashboard("/hangfire", new DashboardOptions
            {
                Authorization = [new HangfireDashboardAuthorizationFilter()],
                DisplayStorageConnectionString = false,
            });
        }

        return app;
    }
}
