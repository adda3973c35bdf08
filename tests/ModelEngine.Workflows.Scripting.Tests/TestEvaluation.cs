using System.Text.Json.Nodes;
using ModelEngine.Workflows.Expressions;
using ModelEngine.Workflows.Models;

namespace ModelEngine.Workflows.Scripting.Tests;

/// <summary>Runs an evaluator on a worker thread with a bounded wait, so that a runaway script fails the test.</summary>
internal static class TestEvaluation
{
    /// <summary>How long a test waits for one evaluation.</summary>
    public static readonly TimeSpan WaitTimeout = TimeSpan.FromSeconds(20);

    /// <summary>Evaluates <paramref name="source"/> and returns the result, which must be a JSON node or null.</summary>
    public static async Task<JsonNode?> EvaluateAsync(
        IExpressionEvaluator evaluator,
        string source,
        FakeExpressionScope? scope = null,
        CancellationToken cancellationToken = default)
    {
        var result = await EvaluateObjectAsync(evaluator, source, scope, cancellationToken);

        return result is null ? null : Assert.IsAssignableFrom<JsonNode>(result);
    }

    /// <summary>Evaluates <paramref name="source"/> and returns the result as the evaluator produced it.</summary>
    public static async Task<object?> EvaluateObjectAsync(
        IExpressionEvaluator evaluator,
        string source,
        FakeExpressionScope? scope = null,
        CancellationToken cancellationToken = default)
    {
        var expression = new Expression(evaluator.ExpressionType, JsonValue.Create(source));
        var context = (scope ?? new FakeExpressionScope()).CreateContext();

        // Evaluators may run synchronously inside EvaluateAsync, so the call is moved off the test thread first.
        return await Task.Run(() => evaluator.EvaluateAsync(expression, typeof(object), context, cancellationToken).AsTask())
            .WaitAsync(WaitTimeout);
    }

    public static async Task<ExpressionEvaluationException> EvaluateFailureAsync(
        IExpressionEvaluator evaluator,
        string source,
        FakeExpressionScope? scope = null)
    {
        return await Assert.ThrowsAsync<ExpressionEvaluationException>(() => EvaluateObjectAsync(evaluator, source, scope));
    }
}
