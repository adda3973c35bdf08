using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Runtime.Migration;
using ModelEngine.Workflows.Runtime.State;

namespace ModelEngine.Workflows.Runtime;

/// <summary>
/// Instance migration: an instance's activity instances, bookmarks and queued work move to the nodes of another
/// version, found by mapping each segment of their node id path through the activity id map.
/// </summary>
public sealed partial class WorkflowRuntime
{
    public async Task<WorkflowInstanceView> MigrateAsync(MigrateWorkflowRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var handle = await _locks.AcquireAsync(request.InstanceId, cancellationToken);
        await using var lease = await _leases.AcquireAsync(request.InstanceId, cancellationToken);
        var (summary, state) = await LoadAsync(request.InstanceId, cancellationToken);
        if (state.SubStatus is WorkflowSubStatus.Finished or WorkflowSubStatus.Cancelled)
        {
            throw new WorkflowConflictException($"Workflow instance '{request.InstanceId}' is {state.SubStatus}; only a Running or Faulted instance can be migrated.");
        }

        var source = await _graphs.GetAsync(state.DefinitionVersionId, cancellationToken);
        var target = await ResolveMigrationTargetAsync(state, request.TargetVersion, cancellationToken);
        var map = request.ActivityIdMap ?? new Dictionary<string, string>();
        ValidateActivityIdMap(source, target, map);

        var nodeIds = MapNodeIds(request.InstanceId, state, source, target, map);
        JoinRecordMigrator.Validate(request.InstanceId, state, target, map, nodeIds);

        // Join records are found through the old node ids, so they move before the activity instances do.
        JoinRecordMigrator.Apply(state, target, map, nodeIds);
        var changedBookmarks = ApplyMigration(state, target, map, nodeIds);

        var fromVersion = state.Version;
        state.DefinitionVersionId = target.VersionId;
        state.Version = target.Version;
        state.UpdatedAt = _timeProvider.GetUtcNow();
        var context = new WorkflowExecutionContext(target, state, _services, _evaluators, _timeProvider, cancellationToken);
        context.AddJournal(JournalEvents.WorkflowMigrated, null, $"Migrated from version {fromVersion} to version {target.Version}.", MigrationPayload(request, fromVersion, target.Version, map));

        var commit = new WorkflowCommit
        {
            Summary = ToSummary(state, summary.Revision + 1),
            StateJson = WorkflowStateSerializer.Serialize(state),
            ExpectedRevision = summary.Revision,
            RemovedBookmarkIds = changedBookmarks.Select(bookmark => bookmark.Id).ToList(),
            AddedBookmarks = changedBookmarks.Select(bookmark => ToRecord(state, bookmark)).ToList(),
            Journal = context.JournalEntries,
        };

        await lease.EnsureHeldAsync(cancellationToken);
        await _committer.CommitAsync(commit, cancellationToken);
        AfterCommit(state, changedBookmarks, commit.Changes);
        LogMigrated(_logger, request.InstanceId, state.DefinitionId, fromVersion, target.Version);
        return ToView(commit.Summary, state);
    }

    private async Task<Workflow> ResolveMigrationTargetAsync(WorkflowState state, int? targetVersion, CancellationToken cancellationToken)
    {
        var record = targetVersion is { } version
            ? await _definitions.FindVersionAsync(state.DefinitionId, version, cancellationToken)
            : await _definitions.FindPublishedAsync(state.DefinitionId, cancellationToken);
        var requestedVersion = targetVersion?.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (record is null)
        {
            throw new InvalidMigrationRequestException("targetVersion", requestedVersion, targetVersion is null
                ? $"Workflow definition '{state.DefinitionId}' has no published version to migrate to. Publish one, or name a 'targetVersion'."
                : $"Workflow definition '{state.DefinitionId}' has no version {requestedVersion}. Name one of its published versions.");
        }

        if (!record.IsPublished)
        {
            throw new InvalidMigrationRequestException("targetVersion", requestedVersion ?? record.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"Version {record.Version} of workflow definition '{state.DefinitionId}' is not published. Publish it first: only a published version has passed validation.");
        }

        if (record.Id == state.DefinitionVersionId)
        {
            throw new WorkflowConflictException($"Workflow instance '{state.Id}' already runs version {record.Version} of '{state.DefinitionId}'.");
        }

        return _graphs.Get(record);
    }

    private static void ValidateActivityIdMap(Workflow source, Workflow target, IReadOnlyDictionary<string, string> map)
    {
        foreach (var (from, to) in map)
        {
            if (!source.Nodes.Any(node => node.Id == from))
            {
                throw new InvalidMigrationRequestException($"activityIdMap.{from}", to,
                    $"Activity id '{from}' in 'activityIdMap' does not exist in version {source.Version} of '{source.DefinitionId}'. Map ids of the instance's current version.");
            }

            if (string.IsNullOrEmpty(to) || !target.Nodes.Any(node => node.Id == to))
            {
                throw new InvalidMigrationRequestException($"activityIdMap.{from}", to,
                    $"'activityIdMap' maps '{from}' to '{to}', which does not exist in version {target.Version} of '{target.DefinitionId}'. Map it to an activity id of the target version.");
            }
        }
    }

    /// <summary>
    /// Maps the node id of every active activity instance, queued work item and bookmark to the target version, and
    /// rejects the migration when a node has no counterpart or a counterpart of another type.
    /// </summary>
    private static Dictionary<string, string> MapNodeIds(string instanceId, WorkflowState state, Workflow source, Workflow target, IReadOnlyDictionary<string, string> map)
    {
        var nodeIds = new Dictionary<string, string>(StringComparer.Ordinal);
        var used = state.Activities.Select(instance => instance.NodeId)
            .Concat(state.Bookmarks.Select(bookmark => bookmark.NodeId))
            .Concat(state.Scheduled.Where(item => item.Bookmark is not null).Select(item => item.Bookmark!.NodeId));
        foreach (var nodeId in used.Distinct(StringComparer.Ordinal))
        {
            var mapped = string.Join(':', nodeId.Split(':').Select(segment => map.GetValueOrDefault(segment, segment)));
            var before = source.TryGetNode(nodeId, out var sourceNode) ? sourceNode! : null;
            var activityId = before?.Id ?? nodeId[(nodeId.LastIndexOf(':') + 1)..];
            if (!target.TryGetNode(mapped, out var after))
            {
                throw new MigrationRejectedException(instanceId, activityId,
                    $"Workflow instance '{instanceId}' cannot move to version {target.Version}: its active activity '{activityId}' has no counterpart '{mapped.Split(':')[^1]}' there. Map '{activityId}' to an activity of version {target.Version} in 'activityIdMap'.");
            }

            if (before is not null && before.Type != after!.Type)
            {
                throw new MigrationRejectedException(instanceId, activityId,
                    $"Workflow instance '{instanceId}' cannot move to version {target.Version}: its active activity '{activityId}' is a {before.Type}, but its counterpart '{after.Id}' is a {after.Type}. Map it to an activity of the same type.");
            }

            nodeIds[nodeId] = mapped;
        }

        return nodeIds;
    }

    /// <summary>Rewrites the state to the target's node ids and returns the bookmarks whose stored activity id changed.</summary>
    private static List<BookmarkState> ApplyMigration(WorkflowState state, Workflow target, IReadOnlyDictionary<string, string> map, Dictionary<string, string> nodeIds)
    {
        foreach (var instance in state.Activities)
        {
            instance.NodeId = nodeIds[instance.NodeId];
        }

        foreach (var item in state.Scheduled)
        {
            if (item.Bookmark is { } resumed)
            {
                Retarget(resumed, target, nodeIds);
            }
        }

        var changed = new List<BookmarkState>();
        foreach (var bookmark in state.Bookmarks)
        {
            var activityId = bookmark.ActivityId;
            Retarget(bookmark, target, nodeIds);
            if (bookmark.ActivityId != activityId)
            {
                changed.Add(bookmark);
            }
        }

        // Outputs of completed activities follow their activity's new id, so expressions of the target version read them.
        foreach (var (from, to) in map)
        {
            if (from != to && state.ActivityOutputs[from] is JsonNode outputs)
            {
                state.ActivityOutputs.Remove(from);
                state.ActivityOutputs[to] = outputs;
            }
        }

        return changed;
    }

    private static void Retarget(BookmarkState bookmark, Workflow target, Dictionary<string, string> nodeIds)
    {
        bookmark.NodeId = nodeIds[bookmark.NodeId];
        bookmark.ActivityId = target.GetNode(bookmark.NodeId).Id;
    }

    private static JsonObject MigrationPayload(MigrateWorkflowRequest request, int fromVersion, int toVersion, IReadOnlyDictionary<string, string> map)
    {
        var mapJson = new JsonObject();
        foreach (var (from, to) in map)
        {
            mapJson[from] = to;
        }

        return new JsonObject
        {
            ["fromVersion"] = fromVersion,
            ["toVersion"] = toVersion,
            ["activityIdMap"] = mapJson,
            ["actor"] = request.Actor,
        };
    }

    [LoggerMessage(EventId = 1075, Level = LogLevel.Information, Message = "Workflow instance {WorkflowInstanceId} of {DefinitionId} migrated from version {FromVersion} to {ToVersion}")]
    private static partial void LogMigrated(ILogger logger, string workflowInstanceId, string definitionId, int fromVersion, int toVersion);
}
