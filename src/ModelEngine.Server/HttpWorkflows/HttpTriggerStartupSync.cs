using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Server.HttpWorkflows;

/// <summary>
/// Writes the HTTP triggers of every published definition at start-up, after the migration, so that definitions
/// published before the trigger table existed, or while a publish failed half-way, are served. Rewriting a
/// definition's triggers is idempotent, so each node may run it.
/// </summary>
internal sealed partial class HttpTriggerStartupSync : IHostedService
{
    private readonly IWorkflowDefinitionStore _definitions;
    private readonly WorkflowGraphCache _graphs;
    private readonly HttpTriggerPublicationHandler _handler;
    private readonly ILogger<HttpTriggerStartupSync> _logger;

    public HttpTriggerStartupSync(
        IWorkflowDefinitionStore definitions, WorkflowGraphCache graphs, HttpTriggerPublicationHandler handler, ILogger<HttpTriggerStartupSync> logger)
    {
        _definitions = definitions;
        _graphs = graphs;
        _handler = handler;
        _logger = logger;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var count = 0;
        for (var pageNumber = 1; ; pageNumber++)
        {
            var page = await _definitions.ListAsync(new DefinitionListQuery(new PageRequest(pageNumber, PageRequest.MaxPageSize), PublishedOnly: true), cancellationToken);
            foreach (var summary in page.Items)
            {
                count += await SyncAsync(summary.DefinitionId, cancellationToken) ? 1 : 0;
            }

            if (page.Items.Count < PageRequest.MaxPageSize)
            {
                break;
            }
        }

        Log.Synced(_logger, count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task<bool> SyncAsync(string definitionId, CancellationToken cancellationToken)
    {
        var record = await _definitions.FindPublishedAsync(definitionId, cancellationToken);
        if (record is null)
        {
            return false;
        }

        try
        {
            await _handler.OnPublicationChangedAsync(definitionId, _graphs.Get(record), cancellationToken);
            return true;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A definition whose route another definition claims, or whose graph no longer loads, is left without
            // triggers; the server starts anyway.
            Log.SyncFailed(_logger, exception, definitionId);
            return false;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1710, Level = LogLevel.Information, Message = "Wrote the HTTP triggers of {Count} published workflow definitions.")]
        public static partial void Synced(ILogger logger, int count);

        [LoggerMessage(EventId = 1711, Level = LogLevel.Warning, Message = "The HTTP triggers of workflow definition {DefinitionId} were not written at start-up. Publish it again after fixing the cause.")]
        public static partial void SyncFailed(ILogger logger, Exception exception, string definitionId);
    }
}
