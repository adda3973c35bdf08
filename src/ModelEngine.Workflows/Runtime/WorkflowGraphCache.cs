using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Serialization;

namespace ModelEngine.Workflows.Runtime;

/// <summary>
/// Loads each definition version into an executable <see cref="Workflow"/> once. Versions never change after they are
/// published, so entries stay valid; a draft's entry is replaced when the draft is saved again.
/// </summary>
public sealed class WorkflowGraphCache
{
    private readonly ConcurrentDictionary<string, (DateTimeOffset UpdatedAt, Workflow Workflow)> _workflows = new(StringComparer.Ordinal);
    private readonly IWorkflowDefinitionStore _store;
    private readonly WorkflowLoader _loader;

    public WorkflowGraphCache(IWorkflowDefinitionStore store, WorkflowLoader loader)
    {
        _store = store;
        _loader = loader;
    }

    public async Task<Workflow> GetAsync(string versionId, CancellationToken cancellationToken = default)
    {
        var record = await _store.FindByIdAsync(versionId, cancellationToken).ConfigureAwait(false)
            ?? throw new WorkflowNotFoundException($"Workflow definition version '{versionId}' does not exist.");
        return Get(record);
    }

    public Workflow Get(WorkflowDefinitionRecord record)
    {
        if (_workflows.TryGetValue(record.Id, out var cached) && cached.UpdatedAt == record.UpdatedAt)
        {
            return cached.Workflow;
        }

        var model = JsonNode.Parse(record.ModelJson) as JsonObject
            ?? throw new InvalidOperationException($"Stored definition version '{record.Id}' is not a JSON object.");
        model["definitionId"] = record.DefinitionId;
        model["id"] = record.Id;
        model["version"] = record.Version;
        var workflow = _loader.Load(model).Workflow;
        _workflows[record.Id] = (record.UpdatedAt, workflow);
        return workflow;
    }
}
