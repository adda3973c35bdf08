namespace ModelEngine.Waterflow;

/// <summary>The nodes and edges that the builders of one flow (and its branches) add to.</summary>
internal sealed class FlowGraph
{
    public FlowGraph(FlowOptions options)
    {
        Options = options;
    }

    public FlowOptions Options { get; }

    public List<NodeSpec> Nodes { get; } = [];

    /// <summary>Edges added by <c>To(id)</c>, resolved when the flow is closed because the target may come later.</summary>
    public List<(NodeSpec From, int Slot, string TargetId)> Routes { get; } = [];

    public bool IsClosed { get; private set; }

    public TSpec Add<TSpec>(TSpec spec)
        where TSpec : NodeSpec
    {
        EnsureOpen();
        spec.Index = Nodes.Count;
        Nodes.Add(spec);
        return spec;
    }

    public static void Connect(NodeSpec from, int slot, NodeSpec to, string? label = null)
    {
        var edge = new EdgeSpec(from, slot, to, label);
        from.Outputs.Add(edge);
        to.Inputs.Add(edge);
    }

    public void EnsureOpen()
    {
        if (IsClosed)
        {
            throw new InvalidOperationException("This flow was already closed; builders cannot add nodes to it any more.");
        }
    }

    public void MarkClosed()
    {
        EnsureOpen();
        IsClosed = true;
    }
}
