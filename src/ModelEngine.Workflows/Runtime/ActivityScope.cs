using System.Text.Json.Nodes;
using ModelEngine.Workflows.Expressions;
using ModelEngine.Workflows.Runtime.State;

namespace ModelEngine.Workflows.Runtime;

/// <summary>
/// The expression scope of an activity inside a body that scopes variables (a ParallelForEach body). A scoped
/// variable is read and written in the nearest scope that declares it, and every other name in the instance's
/// variables. Outputs of activities inside the body are read from the body first.
/// </summary>
internal sealed class ActivityScope : IExpressionScope
{
    private readonly WorkflowExecutionContext _workflow;
    private readonly IExpressionScope _instanceScope;
    private readonly ActivityInstanceState _activity;

    public ActivityScope(WorkflowExecutionContext workflow, ActivityInstanceState activity)
    {
        _workflow = workflow;
        _instanceScope = workflow;
        _activity = activity;
    }

    public string WorkflowInstanceId => _instanceScope.WorkflowInstanceId;

    public string? CorrelationId => _instanceScope.CorrelationId;

    public string DefinitionId => _instanceScope.DefinitionId;

    public string? Initiator => _instanceScope.Initiator;

    public IReadOnlyDictionary<string, JsonNode?> Input => _instanceScope.Input;

    public IEnumerable<string> VariableNames => _instanceScope.VariableNames.Concat(ScopedNames()).Distinct(StringComparer.Ordinal);

    public JsonNode? LastResult => _instanceScope.LastResult;

    public IServiceProvider Services => _instanceScope.Services;

    public bool TryGetVariable(string name, out JsonNode? value)
    {
        var key = _workflow.Workflow.VariableNamesById.GetValueOrDefault(name, name);
        if (_workflow.FindScopeOwner(_activity, key) is { } owner)
        {
            value = ((JsonObject)owner.Properties[WorkflowExecutionContext.ScopedVariablesProperty]!)[key];
            return true;
        }

        return _instanceScope.TryGetVariable(name, out value);
    }

    public void SetVariable(string name, JsonNode? value) => _workflow.SetVariable(_activity, name, value);

    public JsonNode? GetOutputFrom(string activityIdOrName, string? outputName)
    {
        if (_workflow.FindScopedOutputs(_activity, activityIdOrName) is { } outputs)
        {
            return outputName is null ? outputs : outputs[outputName];
        }

        return _instanceScope.GetOutputFrom(activityIdOrName, outputName);
    }

    private IEnumerable<string> ScopedNames()
    {
        var owner = _workflow.FindScopeOwner(_activity, name: null);
        while (owner is not null)
        {
            foreach (var pair in (JsonObject)owner.Properties[WorkflowExecutionContext.ScopedVariablesProperty]!)
            {
                yield return pair.Key;
            }

            owner = owner.ParentId is { } parentId && _workflow.TryGetActivityInstance(parentId, out var parent)
                ? _workflow.FindScopeOwner(parent, name: null)
                : null;
        }
    }
}
