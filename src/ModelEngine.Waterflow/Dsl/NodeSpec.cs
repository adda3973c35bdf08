namespace ModelEngine.Waterflow;

/// <summary>An edge of the flow graph as the builder records it.</summary>
internal sealed class EdgeSpec
{
    public EdgeSpec(NodeSpec from, int slot, NodeSpec to, string? label)
    {
        From = from;
        Slot = slot;
        To = to;
        Label = label;
    }

    public NodeSpec From { get; }

    /// <summary>Which output of <see cref="From"/> the edge leaves from: a branch of a condition or fork, otherwise 0.</summary>
    public int Slot { get; }

    public NodeSpec To { get; }

    public string? Label { get; }

    /// <summary>True for the edge that closes a loop. It is unbounded, because credits on a cycle can deadlock.</summary>
    public bool IsFeedback { get; set; }
}

/// <summary>
/// One node of the flow graph before it runs: its kind, id, settings and edges, and the factory for its
/// runtime parts. The compiler decides which nodes start a stage and which are fused into their predecessor.
/// </summary>
internal abstract class NodeSpec
{
    protected NodeSpec(string kind)
    {
        Kind = kind;
    }

    public string Kind { get; }

    public int Index { get; set; }

    public string? Id { get; set; }

    public int Concurrency { get; set; } = 1;

    public List<EdgeSpec> Outputs { get; } = [];

    public List<EdgeSpec> Inputs { get; } = [];

    public NodeCounters Counters { get; } = new();

    public abstract Type InputType { get; }

    public abstract Type OutputType { get; }

    /// <summary>The name used in metrics, Mermaid output and error messages.</summary>
    public string Name => Id ?? $"{Kind}{Index}";

    /// <summary>True when the node's function is asynchronous.</summary>
    public virtual bool IsAsync => false;

    /// <summary>True for kinds that can run several items at once (map, flat map, process, where).</summary>
    public virtual bool SupportsConcurrency => false;

    public bool RequiresOwnStage => Concurrency > 1 || IsAsync;

    /// <summary>True when items can enter right after this node from outside its stage (a named node or a block).</summary>
    public virtual bool IsInjectionPoint => Id is not null;

    public bool IsHead { get; set; }

    public Stage? Stage { get; set; }

    public IEdgeStatistics? InputEdge { get; protected set; }

    /// <summary>A flushable part created by <see cref="Build"/>, or null.</summary>
    public IFlushable? Flushable { get; protected set; }

    /// <summary>The fused inlet of this node as an object, for the compiler to cast to the right type.</summary>
    public abstract object? InletObject { get; }

    public abstract void SetErrorHandler(Delegate handler, int maxRetries);

    public abstract void CreateInputEdge(int window);

    public abstract void CreateStage(FlowRuntime runtime);

    public abstract void Build(FlowCompiler compiler);
}
