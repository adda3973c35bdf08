using System.Text.Json.Nodes;
using ModelEngine.Workflows.Models;

namespace ModelEngine.Workflows.Expressions;

/// <summary>Reads a workflow input. The value is an input name, or an input definition object with a <c>name</c>.</summary>
public sealed class InputEvaluator : IExpressionEvaluator
{
    public string ExpressionType => ExpressionTypes.Input;

    public ValueTask<object?> EvaluateAsync(Expression expression, Type returnType, ExpressionExecutionContext context, CancellationToken cancellationToken = default)
    {
        var name = InputName(expression.Value);
        return ValueTask.FromResult<object?>(name is not null && context.Input.TryGetValue(name, out var value) ? value : null);
    }

    public string? Validate(Expression expression) =>
        InputName(expression.Value) is null ? "An Input expression needs an input name." : null;

    private static string? InputName(JsonNode? value) => value switch
    {
        JsonValue text when text.TryGetValue(out string? name) => name,
        JsonObject definition => definition["name"]?.GetValue<string>(),
        _ => null,
    };
}
