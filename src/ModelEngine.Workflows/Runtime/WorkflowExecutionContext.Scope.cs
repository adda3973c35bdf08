using System.Collections.ObjectModel;
using System.Text.Json.Nodes;
using ModelEngine.Workflows.Activities;
using ModelEngine.Workflows.Expressions;

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

    internal ValueTask<T?> EvaluateInputAsync<T>(ActivityExecutionContext context, Input<T>? input, string inputName) =>
        input?.Expression is { } expression ? EvaluateExpressionAsync<T>(context, expression, inputName) : ValueTask.FromResult<T?>(default);

    internal async ValueTask<T?> EvaluateExpressionAsync<T>(ActivityExecutionContext context, Models.Expression expression, string inputName)
    {
        object? value;
        try
        {
            var evaluator = _evaluators.Get(expression.Type);
            var expressionContext = new ExpressionExecutionContext(this, context.Activity.Id);
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
