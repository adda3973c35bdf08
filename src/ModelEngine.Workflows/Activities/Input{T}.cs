using ModelEngine.Workflows.Models;

namespace ModelEngine.Workflows.Activities;

/// <summary>A wrapped input whose value converts to <typeparamref name="T"/>.</summary>
public sealed class Input<T> : Input
{
    public Input()
    {
    }

    public Input(Expression expression)
    {
        Expression = expression;
    }

    /// <summary>Creates an input holding a literal value.</summary>
    public Input(T literal)
    {
        Expression = Expression.Literal(literal);
    }

    public override Type ValueType => typeof(T);
}
