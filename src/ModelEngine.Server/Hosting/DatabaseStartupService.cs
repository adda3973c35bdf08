using Microsoft.Extensions.Options;
using ModelEngine.Persistence.EntityFrameworkCore;
using ModelEngine.Server.Scheduling;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Server.Hosting;

/// <summary>
/// Migrates the database, creates Hangfire's tables on PostgreSQL and SQL Server, and queues the instances that a
/// crash left Pending or Executing, except those another live node holds a lease on. It is registered before the other hosted services, and the host starts those one
/// after another, so nothing reads the database before it is migrated.
/// </summary>
internal sealed partial class DatabaseStartupService : IHostedService
{
    private readonly IServiceProvider _services;
    private readonly IWorkflowWorkQueue _queue;
    private readonly IOptions<PersistenceStartupOptions> _options;
    private readonly StartupReadinessHealthCheck _readiness;
    private readonly ILogger<DatabaseStartupService> _logger;

    public DatabaseStartupService(
        IServiceProvider services,
        IWorkflowWorkQueue queue,
        IOptions<PersistenceStartupOptions> options,
        StartupReadinessHealthCheck readiness,
        ILogger<DatabaseStartupService> logger)
    {
        _services = services;
        _queue = queue;
        _options = options;
        _readiness = readiness;
        _logger = logger;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_options.Value.MigrateOnStartup)
        {
            Log.Migrating(_logger);
            await _services.MigrateModelEngineDatabaseAsync(cancellationToken);

            // Registered only when Hangfire runs in this process. On PostgreSQL and SQL Server its tables need the
            // database that the migrations have just created.
            if (_services.GetService<HangfireSchemaInstaller>() is { } hangfireSchema)
            {
                await hangfireSchema.InstallAsync(cancellationToken);
            }

            Log.Migrated(_logger);
        }

        await using var scope = _services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IWorkflowInstanceStore>();
        var ids = await store.ListRecoverableAsync(cancellationToken);

        // Instances that another live node runs keep their lease; periodic recovery takes them if that node dies.
        var leases = scope.ServiceProvider.GetRequiredService<IWorkflowLeaseStore>();
        var timeProvider = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var leased = new HashSet<string>(await leases.ListLeasedAsync(timeProvider.GetUtcNow(), cancellationToken), StringComparer.Ordinal);
        var queued = 0;
        foreach (var id in ids.Where(id => !leased.Contains(id)))
        {
            Log.Recovering(_logger, id);
            _queue.Enqueue(id);
            queued++;
        }

        Log.Recovered(_logger, queued);
        _readiness.MarkReady();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Creating the database and applying pending migrations (Persistence:MigrateOnStartup).")]
        public static partial void Migrating(ILogger logger);

        [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "The database is up to date.")]
        public static partial void Migrated(ILogger logger);

        [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Recovering workflow instance {WorkflowInstanceId}, left Pending or Executing by the previous run and leased by no node.")]
        public static partial void Recovering(ILogger logger, string workflowInstanceId);

        [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Start-up recovery queued {Count} workflow instances.")]
        public static partial void Recovered(ILogger logger, int count);
    }
}
