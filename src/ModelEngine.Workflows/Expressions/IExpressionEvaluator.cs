using ModelEngine.Workflows.Models;

namespace ModelEngine.Workflows.Expressions;

/// <summary>Evaluates expressions of one syntax, such as <c>JavaScript</c> or <c>Liquid</c>.</summary>
public interface IExpressionEvaluator
{
    /// <summary>The syntax name this evaluator handles, as written in <c>expression.type</c>.</summary>
    string ExpressionType { get; }

    /// <summary>
    /// Evaluates <paramref name="expression"/> and returns a value that the engine converts to the input's type.
    /// A failure is reported as <see cref="ExpressionEvaluationException"/>.
    /// </summary>
    ValueTask<object?> EvaluateAsync(
        Expression expression,
        Type returnType,
        ExpressionExecutionContext context,
        CancellationToken cancellationToken = default);

    /// <summary>Returns why <paramref name="expression"/> does not parse, or <see langword="null"/> when it does.</summary>
    string? Validate(Expression expression);
}
