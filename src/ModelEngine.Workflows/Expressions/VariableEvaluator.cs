using System.Text.Json.Nodes;
using ModelEngine.Workflows.Models;

namespace ModelEngine.Workflows.Expressions;

/// <summary>
/// Reads a variable. The value is a variable reference object (<c>{id, name}</c>) as Elsa writes it, or a name.
/// </summary>
public sealed class VariableEvaluator : IExpressionEvaluator
{
    public string ExpressionType => ExpressionTypes.Variable;

    public ValueTask<object?> EvaluateAsync(Expression expression, Type returnType, ExpressionExecutionContext context, CancellationToken cancellationToken = default)
    {
        foreach (var key in ReferenceKeys(expression.Value))
        {
            if (context.TryGetVariable(key, out var value))
            {
                return ValueTask.FromResult<object?>(value);
            }
        }

        return ValueTask.FromResult<object?>(null);
    }

    public string? Validate(Expression expression) =>
        ReferenceKeys(expression.Value).Any() ? null : "A Variable expression needs a variable name or a reference {id, name}.";

    private static IEnumerable<string> ReferenceKeys(JsonNode? value)
    {
        if (value is JsonValue text && text.TryGetValue(out string? name) && !string.IsNullOrEmpty(name))
        {
            yield return name;
        }
        else if (value is JsonObject reference)
        {
            if (reference["name"]?.GetValue<string>() is { Length: > 0 } byName)
            {
                yield return byName;
            }

            if (reference["id"]?.GetValue<string>() is { Length: > 0 } byId)
            {
                yield return byId;
            }
        }
    }
}
