namespace ModelEngine.Workflows.Expressions;

/// <summary>The expression evaluators of this node, by syntax name (case-insensitive).</summary>
public sealed class ExpressionEvaluatorRegistry
{
    private readonly Dictionary<string, IExpressionEvaluator> _evaluators;

    public ExpressionEvaluatorRegistry(IEnumerable<IExpressionEvaluator> evaluators)
    {
        _evaluators = new Dictionary<string, IExpressionEvaluator>(StringComparer.OrdinalIgnoreCase);
        foreach (var evaluator in evaluators)
        {
            _evaluators[evaluator.ExpressionType] = evaluator;
        }
    }

    public IEnumerable<string> ExpressionTypes => _evaluators.Keys;

    public bool TryGet(string expressionType, out IExpressionEvaluator? evaluator) => _evaluators.TryGetValue(expressionType, out evaluator);

    /// <summary>Returns the evaluator for <paramref name="expressionType"/>, or throws an error that lists the known syntaxes.</summary>
    public IExpressionEvaluator Get(string expressionType) =>
        _evaluators.TryGetValue(expressionType, out var evaluator)
            ? evaluator
            : throw new ExpressionEvaluationException(
                $"Unknown expression type '{expressionType}'. Use one of: {string.Join(", ", _evaluators.Keys.Order(StringComparer.Ordinal))}.");
}
