using ModelEngine.Workflows.Activities;
using ModelEngine.Workflows.Models;

namespace ModelEngine.Workflows.Runtime;

/// <summary>
/// An executable definition version: its header and its activity tree, loaded once and shared by every instance of
/// that version.
/// </summary>
public sealed class Workflow
{
    private readonly Dictionary<string, Activity> _nodes = new(StringComparer.Ordinal);

    public Workflow(
        string definitionId,
        string versionId,
        int version,
        string? name,
        IReadOnlyList<VariableDefinition> variables,
        Activity root)
    {
        DefinitionId = definitionId;
        VersionId = versionId;
        Version = version;
        Name = name;
        Variables = variables;
        Root = root;
        VariableNamesById = variables.ToDictionary(variable => variable.Id, variable => variable.Name, StringComparer.Ordinal);
        Index(root);
    }

    public string DefinitionId { get; }

    public string VersionId { get; }

    public int Version { get; }

    public string? Name { get; }

    public IReadOnlyList<VariableDefinition> Variables { get; }

    public IReadOnlyDictionary<string, string> VariableNamesById { get; }

    public Activity Root { get; }

    /// <summary>Finds an activity by node id.</summary>
    public Activity GetNode(string nodeId) =>
        _nodes.TryGetValue(nodeId, out var activity)
            ? activity
            : throw new InvalidOperationException($"Workflow '{DefinitionId}' version {Version} has no activity with node id '{nodeId}'.");

    public bool TryGetNode(string nodeId, out Activity? activity) => _nodes.TryGetValue(nodeId, out activity);

    /// <summary>Lists every activity, containers included, depth first.</summary>
    public IEnumerable<Activity> Nodes => _nodes.Values;

    private void Index(Activity activity)
    {
        _nodes[activity.NodeId] = activity;
        foreach (var child in activity.GetChildActivities())
        {
            Index(child);
        }
    }
}
