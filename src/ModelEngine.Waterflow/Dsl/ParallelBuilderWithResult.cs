namespace ModelEngine.Waterflow;

/// <summary>Declares further branches of a parallel node and the join that combines their results.</summary>
public sealed class ParallelBuilder<TIn, T, TResult>
{
    private readonly FlowGraph _graph;
    private readonly ForkSpec<T> _node;
    private readonly List<(NodeSpec Tail, int Slot)> _branchEnds = [];

    internal ParallelBuilder(FlowGraph graph, ForkSpec<T> node)
    {
        _graph = graph;
        _node = node;
    }

    /// <summary>Adds a branch that receives every item.</summary>
    public ParallelBuilder<TIn, T, TResult> Fork(Func<FlowBuilder<TIn, T>, FlowBuilder<TIn, TResult>> branch)
    {
        ArgumentNullException.ThrowIfNull(branch);
        _graph.EnsureOpen();
        var slot = _node.BranchCount++;
        var end = branch(new FlowBuilder<TIn, T>(_graph, _node, slot));
        _branchEnds.Add((end.Tail, end.Slot));
        return this;
    }

    /// <summary>
    /// Joins the branch results of each item. In <see cref="ParallelMode.All"/> the results of all branches are
    /// folded from <paramref name="seed"/>; in <see cref="ParallelMode.Any"/> the first result is folded alone
    /// and the later ones are dropped.
    /// </summary>
    public FlowBuilder<TIn, TJoined> Join<TJoined>(Func<TJoined> seed, Func<TJoined, TResult, TJoined> reduce)
    {
        ArgumentNullException.ThrowIfNull(seed);
        ArgumentNullException.ThrowIfNull(reduce);
        var join = _graph.Add(new JoinSpec<TResult, TJoined>(_node.Mode, seed, reduce));
        foreach (var (tail, slot) in _branchEnds)
        {
            FlowGraph.Connect(tail, slot, join);
        }

        return new FlowBuilder<TIn, TJoined>(_graph, join, 0);
    }
}
