namespace ModelEngine.Waterflow;

/// <summary>Declares further branches of a conditions node once the branches' output type is fixed.</summary>
public sealed class ConditionsBuilder<TIn, T, TResult>
{
    private readonly FlowGraph _graph;
    private readonly ConditionsSpec<T> _node;
    private readonly List<(NodeSpec Tail, int Slot)> _branchEnds = [];

    internal ConditionsBuilder(FlowGraph graph, ConditionsSpec<T> node)
    {
        _graph = graph;
        _node = node;
    }

    /// <summary>Adds a branch for the items <paramref name="predicate"/> accepts; its output continues after the conditions.</summary>
    public ConditionsBuilder<TIn, T, TResult> Match(Func<T, bool> predicate, Func<FlowBuilder<TIn, T>, FlowBuilder<TIn, TResult>> branch)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        ArgumentNullException.ThrowIfNull(branch);
        AddBranch(predicate, branch);
        return this;
    }

    /// <summary>Adds a branch that maps the items <paramref name="predicate"/> accepts.</summary>
    public ConditionsBuilder<TIn, T, TResult> When(Func<T, bool> predicate, Func<T, TResult> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return Match(predicate, start => start.Map(map));
    }

    /// <summary>Adds a branch that ends with <c>To(id)</c>; routing back to an earlier node makes a loop.</summary>
    public ConditionsBuilder<TIn, T, TResult> MatchTo(Func<T, bool> predicate, Func<FlowBuilder<TIn, T>, FlowRoute> route)
    {
        AddRoute(_graph, _node, predicate, route);
        return this;
    }

    /// <summary>Sends the items no branch accepted through <paramref name="branch"/> and continues after all branches.</summary>
    public FlowBuilder<TIn, TResult> Others(Func<FlowBuilder<TIn, T>, FlowBuilder<TIn, TResult>> branch)
    {
        ArgumentNullException.ThrowIfNull(branch);
        AddBranch(null, branch);
        return Merge();
    }

    /// <summary>Drops the items no branch accepted and continues after the branches.</summary>
    public FlowBuilder<TIn, TResult> Others() => Merge();

    internal static void AddRoute(FlowGraph graph, ConditionsSpec<T> node, Func<T, bool> predicate, Func<FlowBuilder<TIn, T>, FlowRoute> route)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        ArgumentNullException.ThrowIfNull(route);
        graph.EnsureOpen();
        var slot = node.AddBranch(predicate);
        route(new FlowBuilder<TIn, T>(graph, node, slot));
    }

    private void AddBranch(Func<T, bool>? predicate, Func<FlowBuilder<TIn, T>, FlowBuilder<TIn, TResult>> branch)
    {
        _graph.EnsureOpen();
        if (_node.HasOthers)
        {
            throw new InvalidOperationException("Others must be the last branch of a conditions node.");
        }

        var slot = _node.AddBranch(predicate);
        var end = branch(new FlowBuilder<TIn, T>(_graph, _node, slot));
        _branchEnds.Add((end.Tail, end.Slot));
    }

    private FlowBuilder<TIn, TResult> Merge()
    {
        var merge = _graph.Add(new IdentitySpec<TResult>("merge"));
        foreach (var (tail, slot) in _branchEnds)
        {
            FlowGraph.Connect(tail, slot, merge);
        }

        return new FlowBuilder<TIn, TResult>(_graph, merge, 0);
    }
}
