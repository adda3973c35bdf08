using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Runtime;
using ModelEngine.Workflows.Serialization;

namespace ModelEngine.Workflows.Management;

/// <summary>Lists, retracts, reverts and deletes definition versions.</summary>
public sealed partial class WorkflowDefinitionService
{
    public async Task<Page<WorkflowDefinitionSummary>> ListVersionsAsync(string definitionId, PageRequest page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definitionId);
        var versions = await _store.ListVersionsAsync(definitionId, page, cancellationToken).ConfigureAwait(false);
        if (versions.TotalCount == 0)
        {
            throw NotFound(definitionId);
        }

        return versions;
    }

    public async Task<WorkflowDefinitionRecord> RetractAsync(string definitionId, string? actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definitionId);
        var published = await _store.FindPublishedAsync(definitionId, cancellationToken).ConfigureAwait(false);
        if (published is null)
        {
            _ = await _store.FindLatestAsync(definitionId, cancellationToken).ConfigureAwait(false) ?? throw NotFound(definitionId);
            throw new WorkflowConflictException($"Workflow definition '{definitionId}' has no published version to retract.");
        }

        var record = published with { IsPublished = false, UpdatedAt = _timeProvider.GetUtcNow() };
        record = record with { ModelJson = WithHeader(ParseModel(published), record).ToJsonString(WorkflowJson.Options) };
        await _store.SaveAsync([record], cancellationToken).ConfigureAwait(false);
        _graphs.Invalidate(definitionId);
        await NotifyPublicationAsync(definitionId, published: null, cancellationToken).ConfigureAwait(false);
        LogRetracted(_logger, definitionId, record.Version, actor);
        return record;
    }

    public async Task<WorkflowDefinitionRecord> RevertAsync(string definitionId, int version, string? actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definitionId);
        var latest = await _store.FindLatestAsync(definitionId, cancellationToken).ConfigureAwait(false) ?? throw NotFound(definitionId);
        var source = await _store.FindVersionAsync(definitionId, version, cancellationToken).ConfigureAwait(false)
            ?? throw new WorkflowNotFoundException($"Workflow definition '{definitionId}' has no version {version}. Its latest version is {latest.Version}.");

        var now = _timeProvider.GetUtcNow();
        var model = ParseModel(source);
        var copy = NewVersion(model, definitionId, latest.Version + 1, publish: false, actor, now);
        copy = copy with { ModelJson = WithHeader(model, copy).ToJsonString(WorkflowJson.Options) };

        // The old latest version keeps its published flag, so reverting never stops new instances from starting.
        var previous = latest with { IsLatest = false };
        previous = previous with { ModelJson = WithHeader(ParseModel(latest), previous).ToJsonString(WorkflowJson.Options) };
        await _store.SaveAsync([copy, previous], cancellationToken).ConfigureAwait(false);
        _graphs.Invalidate(definitionId);
        LogReverted(_logger, definitionId, version, copy.Version, actor);
        return copy;
    }

    public async Task<int> DeleteAsync(string definitionId, bool force, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definitionId);
        _ = await _store.FindLatestAsync(definitionId, cancellationToken).ConfigureAwait(false) ?? throw NotFound(definitionId);

        var running = await ListRunningInstanceIdsAsync(definitionId, cancellationToken).ConfigureAwait(false);
        if (running.Count > 0 && !force)
        {
            throw new DefinitionInUseException(definitionId, running.Count);
        }

        // Cancelling loads the instance's definition version, so the instances are cancelled before the versions go.
        // NOTE: an instance started after this list was read is not cancelled. A later step of it then fails on any
        // node that has not cached its version.
        foreach (var instanceId in running)
        {
            await CancelForDeleteAsync(instanceId, definitionId, cancellationToken).ConfigureAwait(false);
        }

        var deleted = await _store.DeleteAsync(definitionId, cancellationToken).ConfigureAwait(false);
        _graphs.Invalidate(definitionId);
        await NotifyPublicationAsync(definitionId, published: null, cancellationToken).ConfigureAwait(false);
        LogDeleted(_logger, definitionId, deleted, running.Count);
        return deleted;
    }

    private async Task<IReadOnlyList<string>> ListRunningInstanceIdsAsync(string definitionId, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        for (var pageNumber = 1; ; pageNumber++)
        {
            var query = new InstanceListQuery(new PageRequest(pageNumber, PageRequest.MaxPageSize), definitionId, WorkflowStatus.Running);
            var page = await _instances.ListAsync(query, cancellationToken).ConfigureAwait(false);
            ids.AddRange(page.Items.Select(summary => summary.Id));
            if (page.Items.Count < PageRequest.MaxPageSize || ids.Count >= page.TotalCount)
            {
                return ids.Distinct(StringComparer.Ordinal).ToList();
            }
        }
    }

    private async Task CancelForDeleteAsync(string instanceId, string definitionId, CancellationToken cancellationToken)
    {
        try
        {
            await _runtime.CancelAsync(instanceId, cancellationToken).ConfigureAwait(false);
            LogCancelledForDelete(_logger, instanceId, definitionId);
        }
        catch (Exception exception) when (exception is WorkflowConflictException or WorkflowNotFoundException)
        {
            // The instance finished or was deleted after it was listed, so there is nothing left to cancel.
            LogCancelSkipped(_logger, instanceId, definitionId, exception.Message);
        }
    }

    private static JsonObject ParseModel(WorkflowDefinitionRecord record) =>
        JsonNode.Parse(record.ModelJson) as JsonObject
        ?? throw new InvalidOperationException($"Stored definition version '{record.Id}' is not a JSON object.");

    private static WorkflowNotFoundException NotFound(string definitionId) =>
        new($"Workflow definition '{definitionId}' does not exist.");

    [LoggerMessage(EventId = 1020, Level = LogLevel.Information, Message = "Workflow definition {DefinitionId} version {Version} retracted by {Actor}")]
    private static partial void LogRetracted(ILogger logger, string definitionId, int version, string? actor);

    [LoggerMessage(EventId = 1021, Level = LogLevel.Information, Message = "Workflow definition {DefinitionId} reverted to version {SourceVersion} as draft version {Version} by {Actor}")]
    private static partial void LogReverted(ILogger logger, string definitionId, int sourceVersion, int version, string? actor);

    [LoggerMessage(EventId = 1022, Level = LogLevel.Information, Message = "Workflow definition {DefinitionId} deleted: {VersionCount} versions, {CancelledCount} running instances cancelled")]
    private static partial void LogDeleted(ILogger logger, string definitionId, int versionCount, int cancelledCount);

    [LoggerMessage(EventId = 1023, Level = LogLevel.Information, Message = "Workflow instance {WorkflowInstanceId} cancelled because its definition {DefinitionId} is being deleted")]
    private static partial void LogCancelledForDelete(ILogger logger, string workflowInstanceId, string definitionId);

    [LoggerMessage(EventId = 1024, Level = LogLevel.Debug, Message = "Workflow instance {WorkflowInstanceId} of definition {DefinitionId} was not cancelled before the delete: {Reason}")]
    private static partial void LogCancelSkipped(ILogger logger, string workflowInstanceId, string definitionId, string reason);
}
