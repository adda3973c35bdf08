namespace ModelEngine.Waterflow;

/// <summary>A node spec with its input and output types.</summary>
internal abstract class NodeSpec<TIn, TOut> : NodeSpec
{
    private Action<Exception, TIn, Retryable<TIn>>? _errorHandler;
    private int _maxRetries;

    protected NodeSpec(string kind)
        : base(kind)
    {
    }

    public override Type InputType => typeof(TIn);

    public override Type OutputType => typeof(TOut);

    public CreditEdge<TIn>? Edge { get; private set; }

    /// <summary>The inlet other fused nodes call, set by <see cref="Build"/>.</summary>
    public Inlet<TIn>? Inlet { get; protected set; }

    public override object? InletObject => Inlet;

    public override void SetErrorHandler(Delegate handler, int maxRetries)
    {
        if (handler is not Action<Exception, TIn, Retryable<TIn>> typed)
        {
            throw new ArgumentException(
                $"The error handler of node '{Name}' must take items of type {typeof(TIn).Name}, the node's input type.",
                nameof(handler));
        }

        _errorHandler = typed;
        _maxRetries = maxRetries;
    }

    public override void CreateInputEdge(int window)
    {
        Edge = new CreditEdge<TIn>(window, Name);
        InputEdge = Edge;
    }

    public override void CreateStage(FlowRuntime runtime)
    {
        if (RequiresOwnStage)
        {
            Stage = CreateConcurrentStage(runtime, Edge!, CreateErrorPolicy(runtime));
            return;
        }

        Stage = new SequentialStage<TIn>(runtime, Name, Edge!);
    }

    public override void Build(FlowCompiler compiler)
    {
        if (Stage is ConcurrentStage<TIn, TOut> concurrent)
        {
            concurrent.Output = compiler.Downstream<TOut>(this, 0);
            return;
        }

        var inlet = CreateInlet(compiler, CreateErrorPolicy(compiler.Runtime));
        Inlet = inlet;
        if (IsHead)
        {
            ((SequentialStage<TIn>)Stage!).Head = inlet;
        }
    }

    /// <summary>Creates the fused node that runs on its stage's thread.</summary>
    protected abstract Inlet<TIn> CreateInlet(FlowCompiler compiler, NodeErrorPolicy<TIn> errors);

    /// <summary>Creates the stage for a node with concurrency above 1 or asynchronous work.</summary>
    protected virtual Stage CreateConcurrentStage(FlowRuntime runtime, CreditEdge<TIn> edge, NodeErrorPolicy<TIn> errors) =>
        throw new InvalidOperationException($"Node '{Name}' of kind {Kind} cannot run with concurrency {Concurrency}.");

    protected NodeErrorPolicy<TIn> CreateErrorPolicy(FlowRuntime runtime) => new(runtime, Name, _errorHandler, _maxRetries);
}
