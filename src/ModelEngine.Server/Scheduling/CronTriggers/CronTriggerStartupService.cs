using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Runtime;
using ModelEngine.Workflows.Scheduling;

namespace ModelEngine.Server.Scheduling.CronTriggers;

/// <summary>
/// Re-syncs the cron triggers' recurring jobs with the published definitions at start-up, after the database is
/// migrated: each published Cron start gets its job, and a job whose definition has no trigger any more is removed.
/// Running it again changes nothing.
/// </summary>
internal sealed partial class CronTriggerStartupService : IHostedService
{
    private readonly IServiceProvider _services;
    private readonly CronTriggerRegistry _registry;
    private readonly ILogger<CronTriggerStartupService> _logger;

    public CronTriggerStartupService(IServiceProvider services, CronTriggerRegistry registry, ILogger<CronTriggerStartupService> logger)
    {
        _services = services;
        _registry = registry;
        _logger = logger;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = _services.CreateAsyncScope();
        var definitions = scope.ServiceProvider.GetRequiredService<IWorkflowDefinitionStore>();
        var graphs = scope.ServiceProvider.GetRequiredService<WorkflowGraphCache>();

        var withTrigger = new HashSet<string>(StringComparer.Ordinal);
        for (var page = 1; ; page++)
        {
            var batch = await definitions.ListAsync(new DefinitionListQuery(new PageRequest(page, PageRequest.MaxPageSize), PublishedOnly: true), cancellationToken);
            foreach (var summary in batch.Items)
            {
                var record = await definitions.FindByIdAsync(summary.Id, cancellationToken);
                if (record is null || CronTrigger.Find(graphs.Get(record)) is not { } trigger)
                {
                    continue;
                }

                _registry.Apply(summary.DefinitionId, trigger);
                withTrigger.Add(summary.DefinitionId);
            }

            if (batch.Items.Count < PageRequest.MaxPageSize)
            {
                break;
            }
        }

        var removed = 0;
        foreach (var definitionId in _registry.ListDefinitionIds().Where(id => !withTrigger.Contains(id)))
        {
            // Another node may have published the definition since the list was read, so check it once more.
            var published = await definitions.FindPublishedAsync(definitionId, cancellationToken);
            if (published is not null && CronTrigger.Find(graphs.Get(published)) is not null)
            {
                continue;
            }

            _registry.Apply(definitionId, null);
            removed++;
        }

        Log.Synced(_logger, withTrigger.Count, removed);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(EventId = 1280, Level = LogLevel.Information, Message = "Start-up sync of cron triggers: {Count} registered, {Removed} stale ones removed.")]
        public static partial void Synced(ILogger logger, int count, int removed);
    }
}
