namespace ModelEngine.Waterflow;

/// <summary>
/// Adds nodes to a flow. Each operator returns a builder for the node it added; settings such as
/// <see cref="Id"/>, <see cref="Concurrency"/> and <see cref="Error{TItem}"/> apply to the last node added.
/// </summary>
/// <typeparam name="TIn">The type of the items offered to the flow.</typeparam>
/// <typeparam name="T">The type of the items the last node emits.</typeparam>
public sealed partial class FlowBuilder<TIn, T>
{
    private readonly FlowGraph _graph;
    private readonly NodeSpec _tail;
    private readonly int _slot;
    private readonly WindowSpec<T>? _window;

    internal FlowBuilder(FlowGraph graph, NodeSpec tail, int slot, WindowSpec<T>? window = null)
    {
        _graph = graph;
        _tail = tail;
        _slot = slot;
        _window = window;
    }

    internal FlowGraph Graph => _graph;

    internal NodeSpec Tail => _tail;

    internal int Slot => _slot;

    /// <summary>Adds a 1→1 node.</summary>
    public FlowBuilder<TIn, TResult> Map<TResult>(Func<T, TResult> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return Append(new MapSpec<T, TResult>(map));
    }

    /// <summary>Adds a 1→1 node with asynchronous work. It runs on its own stage behind a credit edge.</summary>
    public FlowBuilder<TIn, TResult> Map<TResult>(Func<T, CancellationToken, ValueTask<TResult>> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return Append(new MapSpec<T, TResult>(map));
    }

    /// <summary>Adds a 1→m node whose function returns the outputs for one item.</summary>
    public FlowBuilder<TIn, TResult> FlatMap<TResult>(Func<T, IEnumerable<TResult>> flatMap)
    {
        ArgumentNullException.ThrowIfNull(flatMap);
        return Append(new FlatMapSpec<T, TResult>(flatMap));
    }

    /// <summary>
    /// Adds a 1→m node that emits each output as soon as <paramref name="stream"/> produces it. When the next
    /// edge has no credits, the sequence is not asked for its next item until credits return. The node runs on
    /// its own stage, and in a preserved session the outputs of a later input wait behind an earlier input that
    /// is still streaming.
    /// </summary>
    public FlowBuilder<TIn, TResult> FlatMap<TResult>(Func<T, CancellationToken, IAsyncEnumerable<TResult>> stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return Append(new FlatMapStreamSpec<T, TResult>(stream));
    }

    /// <summary>Adds a 1→m node whose function emits any number of outputs through a collector.</summary>
    public FlowBuilder<TIn, TResult> Process<TResult>(Action<T, IFlowCollector<TResult>> process)
    {
        ArgumentNullException.ThrowIfNull(process);
        return Append(new ProcessSpec<T, TResult>(process));
    }

    /// <summary>Adds a node that passes the items <paramref name="predicate"/> accepts and drops the others.</summary>
    public FlowBuilder<TIn, T> Where(Func<T, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return Append(new WhereSpec<T>(predicate));
    }

    /// <summary>Adds a node that tags each item with a key and moves it into a session per key, so a later reduce groups per key.</summary>
    public FlowBuilder<TIn, Keyed<TKey, T>> KeyBy<TKey>(Func<T, TKey> keySelector)
    {
        ArgumentNullException.ThrowIfNull(keySelector);
        return Append(new KeyBySpec<T, TKey>(keySelector));
    }

    /// <summary>Adds a node that moves items into the flow's default session, so later windows span several batches.</summary>
    public FlowBuilder<TIn, T> Unify() => Append(new UnifySpec<T>());

    /// <summary>Adds a node that holds every item in <paramref name="block"/> until it is released.</summary>
    public FlowBuilder<TIn, T> Block(FlowBlock<T> block)
    {
        ArgumentNullException.ThrowIfNull(block);
        return Append(new BlockSpec<T>(block));
    }

    /// <summary>Starts a set of branches where each item takes the first branch whose predicate accepts it.</summary>
    public ConditionsBuilder<TIn, T> Conditions()
    {
        EnsureNoWindow("Conditions");
        var spec = _graph.Add(new ConditionsSpec<T>());
        FlowGraph.Connect(_tail, _slot, spec);
        return new ConditionsBuilder<TIn, T>(_graph, spec);
    }

    /// <summary>Starts branches that each receive every item; <c>Join</c> combines their results.</summary>
    public ParallelBuilder<TIn, T> Parallel(ParallelMode mode = ParallelMode.All)
    {
        EnsureNoWindow("Parallel");
        var spec = _graph.Add(new ForkSpec<T>(mode));
        FlowGraph.Connect(_tail, _slot, spec);
        return new ParallelBuilder<TIn, T>(_graph, spec);
    }

    /// <summary>Names the last node, so <c>To</c> can route to it and <c>OfferAsync(nodeId, …)</c> can inject after it.</summary>
    public FlowBuilder<TIn, T> Id(string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        _graph.EnsureOpen();
        _tail.Id = id;
        return this;
    }

    /// <summary>Ends this branch with an edge to the node named <paramref name="id"/>; an edge back to an earlier node makes a loop.</summary>
    public FlowRoute To(string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        _graph.EnsureOpen();
        _graph.Routes.Add((_tail, _slot, id));
        return new FlowRoute(id);
    }

    /// <summary>Lets the last node (map, flatMap, process or where) run up to <paramref name="concurrency"/> items at once.</summary>
    public FlowBuilder<TIn, T> Concurrency(int concurrency)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        _graph.EnsureOpen();
        _tail.Concurrency = concurrency;
        return this;
    }

    /// <summary>
    /// Sets the error handler of the last node. It receives the failed input item and may call
    /// <see cref="Retryable{T}.Retry(T)"/>; after <paramref name="maxRetries"/> failed retries the error goes
    /// to the flow's error callback. <typeparamref name="TItem"/> must be the node's input type.
    /// </summary>
    public FlowBuilder<TIn, T> Error<TItem>(Action<Exception, TItem, Retryable<TItem>> handler, int maxRetries = 3)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentOutOfRangeException.ThrowIfNegative(maxRetries);
        _graph.EnsureOpen();
        _tail.SetErrorHandler(handler, maxRetries);
        return this;
    }

    /// <summary>Ends the flow with callbacks for each result, each completed session and each unhandled error.</summary>
    /// <param name="onResult">Called for each output item with its session.</param>
    /// <param name="onSessionComplete">Called once per session after its last output; it runs on the thread pool.</param>
    /// <param name="onError">
    /// Called for node failures no error handler recovered; the failed item is dropped. Without it, such a
    /// failure fails the whole flow.
    /// </param>
    public Flow<TIn, T> Close(
        Action<T, FlowSession>? onResult = null,
        Action<FlowSession>? onSessionComplete = null,
        Action<Exception, FlowSession>? onError = null)
    {
        EnsureNoWindow("Close");
        var runtime = new FlowRuntime(_graph.Options, onSessionComplete, onError);
        var sink = _graph.Add(new CallbackSinkSpec<T>(onResult));
        FlowGraph.Connect(_tail, _slot, sink);
        return Compile(runtime, start => new Flow<TIn, T>(runtime, start));
    }

    /// <summary>Ends the flow with a callback for each result.</summary>
    public Flow<TIn, T> Close(Action<T> onResult)
    {
        ArgumentNullException.ThrowIfNull(onResult);
        return Close((item, _) => onResult(item));
    }

    /// <summary>
    /// Ends the flow as a Reactive Streams publisher of its results for one subscriber. The subscriber's demand
    /// is the credit of the flow's last edge, so a slow subscriber slows the whole flow down.
    /// </summary>
    public PublisherFlow<TIn, T> ToPublisher(Action<FlowSession>? onSessionComplete = null, Action<Exception, FlowSession>? onError = null)
    {
        EnsureNoWindow("ToPublisher");
        var runtime = new FlowRuntime(_graph.Options, onSessionComplete, onError);
        var sink = _graph.Add(new PublisherSinkSpec<T>(_graph.Options.OutputWindow));
        FlowGraph.Connect(_tail, _slot, sink);
        return Compile(runtime, start => new PublisherFlow<TIn, T>(runtime, start, sink.Output));
    }

    internal FlowBuilder<TIn, TResult> Append<TResult>(NodeSpec<T, TResult> spec)
    {
        EnsureNoWindow(spec.Kind);
        _graph.Add(spec);
        FlowGraph.Connect(_tail, _slot, spec);
        return new FlowBuilder<TIn, TResult>(_graph, spec, 0);
    }

    private TFlow Compile<TFlow>(FlowRuntime runtime, Func<CreditEdge<TIn>, TFlow> create)
    {
        _graph.MarkClosed();
        new FlowCompiler(_graph, runtime).Compile();
        var start = (NodeSpec<TIn, TIn>)_graph.Nodes[0];
        return create(start.Edge!);
    }

    private void EnsureNoWindow(string operation)
    {
        if (_window is not null)
        {
            throw new InvalidOperationException($"Window must be followed by Reduce, Buffer or Produce, not by {operation}.");
        }
    }
}
