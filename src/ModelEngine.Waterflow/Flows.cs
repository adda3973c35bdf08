namespace ModelEngine.Waterflow;

/// <summary>The entry point for building flows.</summary>
public static class Flows
{
    /// <summary>Starts a flow whose input items are of type <typeparamref name="T"/>.</summary>
    public static FlowBuilder<T, T> Create<T>(FlowOptions? options = null)
    {
        var graph = new FlowGraph(options ?? new FlowOptions());
        var start = graph.Add(new IdentitySpec<T>("start"));
        return new FlowBuilder<T, T>(graph, start, 0);
    }
}
