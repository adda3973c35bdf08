using System.Collections.ObjectModel;
using System.Text.Json.Nodes;
using ModelEngine.Workflows.Activities;
using ModelEngine.Workflows.Expressions;
using ModelEngine.Workflows.Runtime.State;

namespace ModelEngine.Workflows.Runtime;

public sealed partial class WorkflowExecutionContext : IExpressionScope
{
    private ReadOnlyDictionary<string, JsonNode?>? _inputView;

    string IExpressionScope.WorkflowInstanceId => State.Id;

    string? IExpressionScope.CorrelationId => State.CorrelationId;

    string IExpressionScope.DefinitionId => State.DefinitionId;

    string? IExpressionScope.Initiator => State.Initiator;

    IReadOnlyDictionary<string, JsonNode?> IExpressionScope.Input => _inputView ??= new ReadOnlyDictionary<string, JsonNode?>(State.Input);

    IEnumerable<string> IExpressionScope.VariableNames => State.Variables.Select(pair => pair.Key);

    JsonNode? IExpressionScope.LastResult => State.LastResult;

    IServiceProvider IExpressionScope.Services => Services;

    bool IExpressionScope.TryGetVariable(string name, out JsonNode? value)
    {
        if (State.Variables.TryGetPropertyValue(name, out value))
        {
            return true;
        }

        // Elsa files refer to variables by id as well as by name.
        return Workflow.VariableNamesById.TryGetValue(name, out var byId) && State.Variables.TryGetPropertyValue(byId, out value);
    }

    void IExpressionScope.SetVariable(string name, JsonNode? value)
    {
        var key = Workflow.VariableNamesById.GetValueOrDefault(name, name);
        State.Variables[key] = value?.DeepClone();
    }

    JsonNode? IExpressionScope.GetOutputFrom(string activityIdOrName, string? outputName)
    {
        var outputs = State.ActivityOutputs[activityIdOrName] as JsonObject;
        if (outputs is null)
        {
            var named = Workflow.Nodes.FirstOrDefault(node => string.Equals(node.Name, activityIdOrName, StringComparison.Ordinal));
            outputs = named is null ? null : State.ActivityOutputs[named.Id] as JsonObject;
        }

        if (outputs is null)
        {
            return null;
        }

        return outputName is null ? outputs : outputs[outputName];
    }

    /// <summary>
    /// The property of an activity instance that contains the variables scoped to it and to everything inside it, such as
    /// the current item of one ParallelForEach body.
    /// </summary>
    internal const string ScopedVariablesProperty = "scopedVariables";

    /// <summary>Returns the scope that expressions of <paramref name="instance"/> see: this instance's, or a narrower one.</summary>
    private IExpressionScope ScopeFor(ActivityInstanceState instance) =>
        FindScopeOwner(instance, name: null) is null ? this : new ActivityScope(this, instance);

    /// <summary>
    /// Returns the nearest activity instance, from <paramref name="instance"/> up to the root, that scopes
    /// <paramref name="name"/> (or any variable, when it is <see langword="null"/>).
    /// </summary>
    internal ActivityInstanceState? FindScopeOwner(ActivityInstanceState instance, string? name)
    {
        for (ActivityInstanceState? current = instance; current is not null; current = current.ParentId is { } parentId ? _instances.GetValueOrDefault(parentId) : null)
        {
            if (current.Properties[ScopedVariablesProperty] is JsonObject scoped && (name is null ? scoped.Count > 0 : scoped.ContainsKey(name)))
            {
                return current;
            }
        }

        return null;
    }

    /// <summary>
    /// The property of a scope owner that contains the outputs of activities inside that scope, by activity id, so
    /// that bodies running side by side each read their own activities' outputs.
    /// </summary>
    internal const string ScopedOutputsProperty = "scopedOutputs";

    /// <summary>Copies an output into the nearest scope around <paramref name="instance"/>, when there is one.</summary>
    private void SetScopedOutput(ActivityInstanceState instance, string activityId, string outputName, JsonNode? value)
    {
        if (FindScopeOwner(instance, name: null) is not { } owner)
        {
            return;
        }

        if (owner.Properties[ScopedOutputsProperty] is not JsonObject scopedOutputs)
        {
            scopedOutputs = [];
            owner.Properties[ScopedOutputsProperty] = scopedOutputs;
        }

        if (scopedOutputs[activityId] is not JsonObject outputs)
        {
            outputs = [];
            scopedOutputs[activityId] = outputs;
        }

        outputs[outputName] = value?.DeepClone();
    }

    /// <summary>
    /// Finds the outputs of <paramref name="activityIdOrName"/> recorded in the nearest scope around
    /// <paramref name="instance"/> that has them, or returns <see langword="null"/>.
    /// </summary>
    internal JsonObject? FindScopedOutputs(ActivityInstanceState instance, string activityIdOrName)
    {
        var activityId = Workflow.Nodes.FirstOrDefault(node => string.Equals(node.Name, activityIdOrName, StringComparison.Ordinal))?.Id ?? activityIdOrName;
        for (var owner = FindScopeOwner(instance, name: null); owner is not null; owner = owner.ParentId is { } parentId && _instances.TryGetValue(parentId, out var parent) ? FindScopeOwner(parent, name: null) : null)
        {
            if (owner.Properties[ScopedOutputsProperty] is JsonObject scopedOutputs
                && (scopedOutputs[activityIdOrName] ?? scopedOutputs[activityId]) is JsonObject outputs)
            {
                return outputs;
            }
        }

        return null;
    }

    /// <summary>Sets a variable, in the narrowest scope that declares it, for <paramref name="instance"/>.</summary>
    internal void SetVariable(ActivityInstanceState instance, string nameOrId, JsonNode? value)
    {
        var name = Workflow.VariableNamesById.GetValueOrDefault(nameOrId, nameOrId);
        if (FindScopeOwner(instance, name) is { } owner)
        {
            ((JsonObject)owner.Properties[ScopedVariablesProperty]!)[name] = value?.DeepClone();
            return;
        }

        State.Variables[name] = value?.DeepClone();
    }

    internal ValueTask<T?> EvaluateInputAsync<T>(ActivityExecutionContext context, Input<T>? input, string inputName) =>
        input?.Expression is { } expression ? EvaluateExpressionAsync<T>(context, expression, inputName) : ValueTask.FromResult<T?>(default);

    internal async ValueTask<T?> EvaluateExpressionAsync<T>(ActivityExecutionContext context, Models.Expression expression, string inputName)
    {
        object? value;
        try
        {
            var evaluator = _evaluators.Get(expression.Type);
            var expressionContext = new ExpressionExecutionContext(ScopeFor(context.Instance), context.Activity.Id);
            value = await evaluator.EvaluateAsync(expression, typeof(T), expressionContext, CancellationToken);
        }
        catch (ExpressionEvaluationException exception)
        {
            throw new ExpressionEvaluationException(
                $"Activity '{context.Activity.Id}' ({context.Activity.Type}), input '{inputName}': {exception.Message}",
                exception.Limit,
                exception);
        }

        try
        {
            return ValueConverter.Convert<T>(value);
        }
        catch (Exception exception) when (exception is FormatException or InvalidCastException or System.Text.Json.JsonException or OverflowException)
        {
            throw new ExpressionEvaluationException(
                $"Activity '{context.Activity.Id}' ({context.Activity.Type}), input '{inputName}': the value {Describe(value)} cannot be converted to {typeof(T).Name}.",
                null,
                exception);
        }
    }

    private static string Describe(object? value) => value switch
    {
        null => "null",
        JsonNode node => node.ToJsonString(),
        string text => $"\"{text}\"",
        _ => value.ToString() ?? value.GetType().Name,
    };
}
