using ModelEngine.Workflows.Models;

namespace ModelEngine.Workflows.Expressions;

/// <summary>Returns the literal value as stored; the engine converts it to the input's type.</summary>
public sealed class LiteralEvaluator : IExpressionEvaluator
{
    public string ExpressionType => ExpressionTypes.Literal;

    public ValueTask<object?> EvaluateAsync(Expression expression, Type returnType, ExpressionExecutionContext context, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<object?>(expression.Value);

    public string? Validate(Expression expression) => null;
}
