namespace ModelEngine.Waterflow;

/// <summary>
/// Turns a closed flow graph into stages. A node starts a new stage, with a credit edge in front of it, when
/// it is the start or has no input. It also starts one when a loop leads back to it, when its inputs come from
/// different stages, or when it runs concurrently or asynchronously. A node also starts a stage when it follows a concurrent
/// or asynchronous node, or a node that accepts injected items (a named node or a block). Every other node is
/// fused into its predecessors' stage and called directly on the same thread.
/// </summary>
internal sealed class FlowCompiler
{
    private readonly FlowGraph _graph;

    public FlowCompiler(FlowGraph graph, FlowRuntime runtime)
    {
        _graph = graph;
        Runtime = runtime;
    }

    public FlowRuntime Runtime { get; }

    public void Compile()
    {
        ResolveRoutes();
        Validate();
        MarkFeedbackEdges(_graph.Nodes[0]);
        var order = TopologicalOrder();
        var stages = new List<Stage>();
        foreach (var node in order)
        {
            // Topological order assigns every predecessor's stage first, except across feedback edges.
            node.IsHead = IsStageHead(node);
            if (node.IsHead)
            {
                node.CreateInputEdge(_graph.Options.CreditWindow);
                node.CreateStage(Runtime);
                stages.Add(node.Stage!);
            }
            else
            {
                node.Stage = node.Inputs[0].From.Stage;
            }
        }

        for (var i = order.Count - 1; i >= 0; i--)
        {
            order[i].Build(this);
        }

        Runtime.Nodes = _graph.Nodes;
        Runtime.Stages = stages;
        Runtime.Flushables = [.. order.Select(node => node.Flushable).OfType<IFlushable>()];
    }

    /// <summary>Returns what a node calls to emit on output <paramref name="slot"/>: the next fused node or a writer into the next stage's edge.</summary>
    public Inlet<T> Downstream<T>(NodeSpec from, int slot)
    {
        EdgeSpec? edge = null;
        foreach (var candidate in from.Outputs)
        {
            if (candidate.Slot != slot)
            {
                continue;
            }

            if (edge is not null)
            {
                throw new InvalidOperationException($"Output {slot} of node '{from.Name}' has more than one target.");
            }

            edge = candidate;
        }

        if (edge is null)
        {
            return DropInlet<T>.Instance;
        }

        var target = edge.To;
        if (target.InputType != typeof(T))
        {
            throw new InvalidOperationException(
                $"Node '{from.Name}' emits {typeof(T).Name} but its target '{target.Name}' expects {target.InputType.Name}.");
        }

        if (!target.IsHead)
        {
            return (Inlet<T>)target.InletObject!;
        }

        var writer = new EdgeWriter<T>((CreditEdge<T>)target.InputEdge!, from.Stage!, edge.IsFeedback);
        from.Stage!.AddOutlet(writer);
        return writer;
    }

    /// <summary>Returns an injector into the stage after <paramref name="from"/>, for items released from outside its stage.</summary>
    public EdgeInjector<T> Injector<T>(NodeSpec from)
    {
        var target = from.Outputs.Single(edge => edge.Slot == 0).To;
        return new EdgeInjector<T>((CreditEdge<T>)target.InputEdge!);
    }

    private static bool IsStageHead(NodeSpec node)
    {
        if (node.Index == 0 || node.RequiresOwnStage || node.Inputs.Count == 0)
        {
            return true;
        }

        foreach (var input in node.Inputs)
        {
            if (input.IsFeedback || input.From.RequiresOwnStage || input.From.IsInjectionPoint)
            {
                return true;
            }
        }

        // A node with several inputs (a join or a merge) is fused only when all of them come from one stage,
        // so it still runs on one thread.
        var stage = node.Inputs[0].From.Stage;
        return node.Inputs.Any(input => !ReferenceEquals(input.From.Stage, stage));
    }

    private void ResolveRoutes()
    {
        var byId = new Dictionary<string, NodeSpec>(StringComparer.Ordinal);
        foreach (var node in _graph.Nodes)
        {
            if (node.Id is not null && !byId.TryAdd(node.Id, node))
            {
                throw new InvalidOperationException($"Two nodes use the id '{node.Id}'. Node ids must be unique within a flow.");
            }
        }

        foreach (var (from, slot, targetId) in _graph.Routes)
        {
            if (!byId.TryGetValue(targetId, out var target))
            {
                throw new InvalidOperationException($"Node '{from.Name}' routes to '{targetId}', but no node has that id.");
            }

            FlowGraph.Connect(from, slot, target, "to " + targetId);
        }
    }

    private void Validate()
    {
        foreach (var node in _graph.Nodes)
        {
            if (node.Concurrency > 1 && !node.SupportsConcurrency)
            {
                throw new InvalidOperationException(
                    $"Node '{node.Name}' of kind {node.Kind} cannot run with concurrency {node.Concurrency}; only map, flatMap, process and where can.");
            }
        }
    }

    private static void MarkFeedbackEdges(NodeSpec start)
    {
        // Iterative depth-first search: an edge to a node still on the stack closes a loop.
        var state = new Dictionary<NodeSpec, bool>();
        var stack = new Stack<(NodeSpec Node, int Next)>();
        stack.Push((start, 0));
        state[start] = true;
        while (stack.Count > 0)
        {
            var (node, next) = stack.Pop();
            if (next >= node.Outputs.Count)
            {
                state[node] = false;
                continue;
            }

            stack.Push((node, next + 1));
            var edge = node.Outputs[next];
            if (state.TryGetValue(edge.To, out var onStack))
            {
                edge.IsFeedback = onStack;
                continue;
            }

            state[edge.To] = true;
            stack.Push((edge.To, 0));
        }
    }

    private List<NodeSpec> TopologicalOrder()
    {
        var indegree = _graph.Nodes.ToDictionary(node => node, node => node.Inputs.Count(edge => !edge.IsFeedback));
        var ready = new Queue<NodeSpec>(_graph.Nodes.Where(node => indegree[node] == 0));
        var order = new List<NodeSpec>(_graph.Nodes.Count);
        while (ready.TryDequeue(out var node))
        {
            order.Add(node);
            foreach (var edge in node.Outputs.Where(edge => !edge.IsFeedback))
            {
                if (--indegree[edge.To] == 0)
                {
                    ready.Enqueue(edge.To);
                }
            }
        }

        return order;
    }
}
