using Hangfire;
using Hangfire.Storage.SQLite;
using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Server.Scheduling;

/// <summary>Registers the timer jobs and, when <c>Scheduling:Enabled</c> is on, Hangfire with SQLite storage.</summary>
internal static class SchedulingServiceCollectionExtensions
{
    /// <summary>
    /// Adds the timer scheduling. Hangfire stores its jobs in <paramref name="databasePath"/>, the engine's own SQLite
    /// file, in tables of its own.
    /// </summary>
    public static IServiceCollection AddServerScheduling(this IServiceCollection services, IConfiguration configuration, string databasePath)
    {
        var section = configuration.GetSection(SchedulingOptions.SectionName);
        services.Configure<SchedulingOptions>(section);
        services.AddTransient<DurableTimerJob>();
        services.AddTransient<TimerSweepJob>();

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
            .UseSQLiteStorage(databasePath, new SQLiteStorageOptions
            {
                QueuePollInterval = options.SchedulePollingInterval,
            }));
        services.AddSingleton<IDurableTimerScheduler, HangfireTimerScheduler>();
        services.AddHostedService<TimerSweepStartupService>();
        services.AddHangfireServer(server =>
        {
            server.SchedulePollingInterval = options.SchedulePollingInterval;
            server.WorkerCount = options.WorkerCount;
        });
        return services;
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
