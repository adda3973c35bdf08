namespace ModelEngine.Waterflow;

/// <summary>
/// Declares the branches of a conditions node before any branch fixed the output type. Branches are tried in
/// declaration order and the first whose predicate accepts an item wins.
/// </summary>
public sealed class ConditionsBuilder<TIn, T>
{
    private readonly FlowGraph _graph;
    private readonly ConditionsSpec<T> _node;

    internal ConditionsBuilder(FlowGraph graph, ConditionsSpec<T> node)
    {
        _graph = graph;
        _node = node;
    }

    /// <summary>Adds a branch for the items <paramref name="predicate"/> accepts; its output continues after the conditions.</summary>
    public ConditionsBuilder<TIn, T, TResult> Match<TResult>(Func<T, bool> predicate, Func<FlowBuilder<TIn, T>, FlowBuilder<TIn, TResult>> branch) =>
        new ConditionsBuilder<TIn, T, TResult>(_graph, _node).Match(predicate, branch);

    /// <summary>Adds a branch that maps the items <paramref name="predicate"/> accepts.</summary>
    public ConditionsBuilder<TIn, T, TResult> When<TResult>(Func<T, bool> predicate, Func<T, TResult> map) =>
        new ConditionsBuilder<TIn, T, TResult>(_graph, _node).When(predicate, map);

    /// <summary>Adds a branch that ends with <c>To(id)</c>; routing back to an earlier node makes a loop.</summary>
    public ConditionsBuilder<TIn, T> MatchTo(Func<T, bool> predicate, Func<FlowBuilder<TIn, T>, FlowRoute> route)
    {
        ConditionsBuilder<TIn, T, T>.AddRoute(_graph, _node, predicate, route);
        return this;
    }

    /// <summary>Sends the items no branch accepted through <paramref name="branch"/> and continues after it.</summary>
    public FlowBuilder<TIn, TResult> Others<TResult>(Func<FlowBuilder<TIn, T>, FlowBuilder<TIn, TResult>> branch) =>
        new ConditionsBuilder<TIn, T, TResult>(_graph, _node).Others(branch);

    /// <summary>Drops the items no branch accepted and continues with nothing but the routed branches' absence.</summary>
    public FlowBuilder<TIn, T> Others() => new ConditionsBuilder<TIn, T, T>(_graph, _node).Others();
}
