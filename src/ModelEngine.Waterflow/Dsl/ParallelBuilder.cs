namespace ModelEngine.Waterflow;

/// <summary>Declares the first branch of a parallel node.</summary>
public sealed class ParallelBuilder<TIn, T>
{
    private readonly FlowGraph _graph;
    private readonly ForkSpec<T> _node;

    internal ParallelBuilder(FlowGraph graph, ForkSpec<T> node)
    {
        _graph = graph;
        _node = node;
    }

    /// <summary>Adds a branch that receives every item.</summary>
    public ParallelBuilder<TIn, T, TResult> Fork<TResult>(Func<FlowBuilder<TIn, T>, FlowBuilder<TIn, TResult>> branch) =>
        new ParallelBuilder<TIn, T, TResult>(_graph, _node).Fork(branch);
}
