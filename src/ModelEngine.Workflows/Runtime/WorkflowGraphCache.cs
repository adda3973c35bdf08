using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Serialization;

namespace ModelEngine.Workflows.Runtime;

/// <summary>
/// Loads each definition version into an executable <see cref="Workflow"/> once. A published version's model never
/// changes, so its entry is used without asking the store again. A draft's entry is checked against the stored
/// version and replaced when the draft was saved again. The cache also remembers which version of a definition is
/// published, for <see cref="PublishedLookupLifetime"/>, so that starting an instance does not query the store each time.
/// </summary>
public sealed class WorkflowGraphCache
{
    /// <summary>
    /// How long a published-version lookup is reused. Saves and publishes on this node clear it at once. Another node
    /// that shares the database picks up a new publish after at most this long.
    /// </summary>
    public static readonly TimeSpan PublishedLookupLifetime = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<string, (DateTimeOffset UpdatedAt, bool IsPublished, Workflow Workflow)> _workflows = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (long FetchedAt, WorkflowDefinitionRecord Record)> _published = new(StringComparer.Ordinal);
    private readonly IWorkflowDefinitionStore _store;
    private readonly WorkflowLoader _loader;

    public WorkflowGraphCache(IWorkflowDefinitionStore store, WorkflowLoader loader)
    {
        _store = store;
        _loader = loader;
    }

    public async Task<Workflow> GetAsync(string versionId, CancellationToken cancellationToken = default)
    {
        if (_workflows.TryGetValue(versionId, out var cached) && cached.IsPublished)
        {
            return cached.Workflow;
        }

        var record = await _store.FindByIdAsync(versionId, cancellationToken).ConfigureAwait(false)
            ?? throw new WorkflowNotFoundException($"Workflow definition version '{versionId}' does not exist.");
        return Get(record);
    }

    public Workflow Get(WorkflowDefinitionRecord record)
    {
        if (_workflows.TryGetValue(record.Id, out var cached) && cached.UpdatedAt == record.UpdatedAt && cached.IsPublished == record.IsPublished)
        {
            return cached.Workflow;
        }

        var model = JsonNode.Parse(record.ModelJson) as JsonObject
            ?? throw new InvalidOperationException($"Stored definition version '{record.Id}' is not a JSON object.");
        model["definitionId"] = record.DefinitionId;
        model["id"] = record.Id;
        model["version"] = record.Version;
        var workflow = _loader.Load(model).Workflow;
        _workflows[record.Id] = (record.UpdatedAt, record.IsPublished, workflow);
        return workflow;
    }

    /// <summary>Returns the published version of a definition, or <see langword="null"/> when none is published.</summary>
    public async Task<WorkflowDefinitionRecord?> FindPublishedAsync(string definitionId, CancellationToken cancellationToken = default)
    {
        var now = Environment.TickCount64;
        if (_published.TryGetValue(definitionId, out var entry) && now - entry.FetchedAt < PublishedLookupLifetime.TotalMilliseconds)
        {
            return entry.Record;
        }

        var record = await _store.FindPublishedAsync(definitionId, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            _published.TryRemove(definitionId, out _);
        }
        else
        {
            _published[definitionId] = (now, record);
        }

        return record;
    }

    /// <summary>Forgets what is known about a definition's versions, after a save or a publish on this node.</summary>
    public void Invalidate(string definitionId) => _published.TryRemove(definitionId, out _);
}
