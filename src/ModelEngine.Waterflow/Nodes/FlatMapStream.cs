namespace ModelEngine.Waterflow;

/// <summary>
/// A 1→m node whose function returns an asynchronous sequence. Outputs are emitted while the sequence runs,
/// and the node runs on its own stage behind a credit edge.
/// </summary>
internal sealed class FlatMapStreamSpec<TIn, TOut> : NodeSpec<TIn, TOut>
{
    private readonly Func<TIn, CancellationToken, IAsyncEnumerable<TOut>> _stream;

    public FlatMapStreamSpec(Func<TIn, CancellationToken, IAsyncEnumerable<TOut>> stream)
        : base("flatMapStream")
    {
        _stream = stream;
    }

    public override bool IsAsync => true;

    public override bool SupportsConcurrency => true;

    public override void Build(FlowCompiler compiler) =>
        ((StreamStage<TIn, TOut>)Stage!).Output = compiler.Downstream<TOut>(this, 0);

    protected override Inlet<TIn> CreateInlet(FlowCompiler compiler, NodeErrorPolicy<TIn> errors) =>
        throw new InvalidOperationException($"Node '{Name}' streams asynchronously and always runs on its own stage.");

    protected override Stage CreateConcurrentStage(FlowRuntime runtime, CreditEdge<TIn> edge, NodeErrorPolicy<TIn> errors) =>
        new StreamStage<TIn, TOut>(runtime, Name, edge, _stream, Concurrency, errors, Counters);
}
