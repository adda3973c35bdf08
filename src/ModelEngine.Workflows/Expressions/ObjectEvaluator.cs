using System.Text.Json;
using System.Text.Json.Nodes;
using ModelEngine.Workflows.Models;

namespace ModelEngine.Workflows.Expressions;

/// <summary>
/// Parses an <c>Object</c> expression, whose value is JSON text as in Elsa files. A value that is already a JSON object
/// or array is used as it is.
/// </summary>
public sealed class ObjectEvaluator : IExpressionEvaluator
{
    public ObjectEvaluator(string expressionType = ExpressionTypes.Object)
    {
        ExpressionType = expressionType;
    }

    public string ExpressionType { get; }

    public ValueTask<object?> EvaluateAsync(Expression expression, Type returnType, ExpressionExecutionContext context, CancellationToken cancellationToken = default)
    {
        if (expression.Value is JsonValue value && value.TryGetValue(out string? text))
        {
            try
            {
                return ValueTask.FromResult<object?>(string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text));
            }
            catch (JsonException exception)
            {
                throw new ExpressionEvaluationException($"The Object expression is not valid JSON: {exception.Message}", null, exception);
            }
        }

        return ValueTask.FromResult<object?>(expression.Value);
    }

    public string? Validate(Expression expression)
    {
        if (expression.Value is not JsonValue value || !value.TryGetValue(out string? text) || string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            JsonNode.Parse(text);
            return null;
        }
        catch (JsonException exception)
        {
            return $"The Object expression is not valid JSON: {exception.Message}";
        }
    }
}
